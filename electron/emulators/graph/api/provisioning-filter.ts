import type { JsonObject } from '../tenant-types';

/** The properties the provisioning-log `$filter` accepts here, as Graph documents them. */
const filterable = new Set([
  'id',
  'activityDateTime',
  'jobId',
  'cycleId',
  'changeId',
  'provisioningAction',
  'servicePrincipal/id',
  'provisioningStatusInfo/status',
  'sourceIdentity/id',
  'targetIdentity/id',
]);

type Operator = 'eq' | 'gt' | 'lt' | 'ge' | 'le';

export interface FilterClause {
  path: string;
  operator: Operator;
  value: string;
}

export class FilterError extends Error {}

/** Parses `a eq 'x' and activityDateTime gt 2026-01-01T00:00:00Z`; only `and` joins, as the poller needs. */
export function parseProvisioningFilter(text: string): FilterClause[] {
  const clauses: FilterClause[] = [];
  let rest = text.trim();
  while (rest.length) {
    const match =
      /^([A-Za-z]+(?:\/[A-Za-z]+)?)\s+(eq|gt|lt|ge|le)\s+('(?:[^']|'')*'|[0-9][0-9:TZ.+-]*)\s*/.exec(rest);
    if (!match) throw new FilterError(`Invalid filter clause near "${rest.slice(0, 40)}"`);
    const [whole, path = '', operator = 'eq', literal = ''] = match;
    if (!filterable.has(path)) throw new FilterError(`Filtering on "${path}" is not supported`);
    const value = literal.startsWith("'") ? literal.slice(1, -1).replace(/''/g, "'") : literal;
    if (path === 'activityDateTime' && Number.isNaN(Date.parse(value))) {
      throw new FilterError(`"${value}" is not a valid DateTimeOffset`);
    }
    if (path !== 'activityDateTime' && operator !== 'eq') {
      throw new FilterError(`Only "eq" is supported on "${path}"`);
    }
    clauses.push({ path, operator: operator as Operator, value });
    rest = rest.slice(whole.length);
    if (rest.length) {
      const joiner = /^and\s+/i.exec(rest);
      if (!joiner) throw new FilterError(`Expected "and" near "${rest.slice(0, 40)}"`);
      rest = rest.slice(joiner[0].length);
    }
  }
  return clauses;
}

function read(entry: JsonObject, path: string): unknown {
  return path.split('/').reduce<unknown>((value, key) => (value as JsonObject | null)?.[key], entry);
}

/** True when the entry satisfies every clause (filters are case sensitive, as Graph's are). */
export function matchesFilter(entry: JsonObject, clauses: readonly FilterClause[]): boolean {
  return clauses.every(({ path, operator, value }) => {
    const actual = read(entry, path);
    if (path === 'activityDateTime') {
      const a = Date.parse(String(actual));
      const b = Date.parse(value);
      return { eq: a === b, gt: a > b, lt: a < b, ge: a >= b, le: a <= b }[operator];
    }
    return actual === value;
  });
}
