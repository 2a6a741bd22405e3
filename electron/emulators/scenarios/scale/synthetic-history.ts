import { errorCategoryFor, errorCodeFor, reasonFor } from '../../engine/failure-report';
import type { ScimExchange } from '../../engine/scim-target';
import { seededRandom } from '../../faults';
import { matchesFilter, type FilterClause } from '../../graph/api/provisioning-filter';
import { buildLogEntry, type LogEntryInput } from '../../graph/log-entry';
import {
  compareKeys,
  firstIndexNotBefore,
  type LogKey,
  type LogPage,
  type LogQuery,
  type LogSource,
} from '../../graph/log-source';
import type { JsonObject } from '../../graph/tenant-types';
import { scimErrorBody } from '../../pulumi/scim-responses';

/** The objects a history is about: users first, then groups, with the SCIM ids Pulumi gave them. */
export interface HistorySubjects {
  ids: readonly string[];
  names: readonly string[];
  /** SCIM id per subject, '' when Pulumi never got it. */
  scimIds: readonly string[];
  /** Subjects from this index on are groups. */
  firstGroup: number;
}

export interface SyntheticHistoryInput {
  seed: number;
  entries: number;
  from: number;
  to: number;
  cycleMs: number;
  failureRate: number;
  tenantId: string;
  jobId: string;
  servicePrincipal: LogEntryInput['servicePrincipal'];
  subjects: HistorySubjects;
}

/** Marks every synthetic entry (an OData-style annotation: Graph clients pass unknown ones through). */
export const syntheticLabel = '@scimwatch.synthetic';

const statuses = ['success', 'failure', 'skipped'] as const;
const actions = ['create', 'update', 'disable', 'other'] as const;

/** The failures history shows, as Pulumi answered them (the engine produces the same bodies live). */
const failures: { status: number; identityType: 'User' | 'Group'; body: (name: string) => JsonObject }[] = [
  {
    status: 409,
    identityType: 'User',
    body: (name) =>
      scimErrorBody(409, `Email ${name} already in use by another Pulumi account.`, 'uniqueness'),
  },
  {
    status: 400,
    identityType: 'User',
    body: () => scimErrorBody(400, "Attribute 'userName' is immutable.", 'immutability'),
  },
  {
    status: 400,
    identityType: 'Group',
    body: () =>
      scimErrorBody(400, 'Display name is too long. It must be 100 characters or less', 'invalidValue'),
  },
  { status: 503, identityType: 'User', body: () => ({ code: 503, message: 'Service unavailable' }) },
];

const userFailures = failures.flatMap((f, i) => (f.identityType === 'User' ? [i] : []));
const groupFailure = failures.findIndex((f) => f.identityType === 'Group');

/** Lower-case hex of a 32-bit value, padded (or cut) to `width` digits: the readable seeded ids. */
export const hex = (value: number, width: number) =>
  (value >>> 0).toString(16).padStart(width, '0').slice(-width);

/**
 * A provisioning history computed from a seed and an index: typed arrays hold the fields pages filter
 * on (time, subject, status, action), and an entry object exists only while a page is being served.
 * A million entries take about 14 MB instead of gigabytes.
 */
export class SyntheticHistory implements LogSource {
  private readonly times: Float64Array;
  private readonly subjects: Uint32Array;
  /** status (2 bits) | action (2 bits) << 2 | failure template (3 bits) << 4 */
  private readonly outcomes: Uint8Array;
  private readonly idPrefix: string;
  private subjectIndex: Map<string, number> | null = null;

  constructor(private readonly input: SyntheticHistoryInput) {
    const { entries, from, to, seed, failureRate } = input;
    const random = seededRandom(seed);
    this.times = new Float64Array(entries);
    this.subjects = new Uint32Array(entries);
    this.outcomes = new Uint8Array(entries);
    this.idPrefix = hex(Math.floor(random() * 2 ** 32), 8);
    const slot = (to - from) / Math.max(1, entries);
    const subjectCount = input.subjects.ids.length;
    let previous = from - 1;
    for (let i = 0; i < entries; i++) {
      // Strictly increasing whole milliseconds: (time, id) order is time order.
      const time = Math.max(previous + 1, Math.floor(from + (i + random()) * slot));
      this.times[i] = time;
      previous = time;
      const subject = Math.floor(random() * subjectCount);
      this.subjects[i] = subject;
      const roll = random();
      const status = roll < failureRate ? 1 : roll < failureRate + 0.1 ? 2 : 0;
      const action = status === 2 ? 3 : roll > 0.995 ? 2 : roll > 0.97 ? 0 : 1;
      const isGroup = subject >= input.subjects.firstGroup;
      const template = isGroup ? groupFailure : (userFailures[i % userFailures.length] as number);
      this.outcomes[i] = status | (action << 2) | (template << 4);
    }
  }

  get size(): number {
    return this.times.length;
  }

  /** The time span the history covers (labels and reports say what is synthetic). */
  get span(): { from: string; to: string } {
    const last = this.times.length ? (this.times[this.times.length - 1] as number) : this.input.from;
    return { from: new Date(this.input.from).toISOString(), to: new Date(last).toISOString() };
  }

  page({ clauses, order, after, limit }: LogQuery): LogPage {
    const plan = this.plan(clauses);
    if (!plan) return { entries: [], more: false };
    let [low, high] = plan.range;
    if (after) {
      if (order === 'asc') low = Math.max(low, this.firstAfter(after));
      else high = Math.min(high, this.firstAtOrAfter(after));
    }
    const entries: JsonObject[] = [];
    const step = order === 'asc' ? 1 : -1;
    for (let i = order === 'asc' ? low : high - 1; i >= low && i < high; i += step) {
      if (!plan.indexed(i)) continue;
      const entry = this.entry(i);
      if (plan.rest.length && !matchesFilter(entry, plan.rest)) continue;
      if (entries.length === limit) return { entries, more: true };
      entries.push(entry);
    }
    return { entries, more: false };
  }

  /** The entry at an index, built the same way each time it is asked for. */
  entry(index: number): JsonObject {
    const { input } = this;
    const subject = this.subjects[index] as number;
    const outcome = this.outcomes[index] as number;
    const status = statuses[outcome & 3] ?? 'success';
    const isGroup = subject >= input.subjects.firstGroup;
    const time = this.times[index] as number;
    const cycle = Math.floor((time - input.from) / input.cycleMs);
    const name = input.subjects.names[subject] ?? '';
    const failure = status === 'failure' ? failures[outcome >> 4] : undefined;
    const exchange: ScimExchange | undefined = failure && {
      method: 'POST',
      path: isGroup ? '/Groups' : '/Users',
      status: failure.status,
      body: JSON.stringify(failure.body(name)),
      json: null,
    };
    const entry = buildLogEntry({
      id: `${this.idPrefix}-5c5c-4000-8000-${hex(index, 12)}`,
      tenantId: input.tenantId,
      jobId: input.jobId,
      servicePrincipal: input.servicePrincipal,
      activityDateTime: new Date(time).toISOString(),
      cycleId: `${this.idPrefix}-c7c7-4000-8000-${hex(cycle, 12)}`,
      action: actions[(outcome >> 2) & 3] ?? 'update',
      status,
      identityType: isGroup ? 'Group' : 'User',
      source: { id: input.subjects.ids[subject] ?? '', displayName: name },
      target: { id: input.subjects.scimIds[subject] ?? '', displayName: name },
      ...(exchange
        ? {
            error: {
              errorCode: errorCodeFor(exchange),
              reason: reasonFor(exchange, index % 4, new Date(time + input.cycleMs)),
              errorCategory: errorCategoryFor(exchange),
            },
          }
        : {}),
    });
    entry.changeId = `${this.idPrefix}-c4a9-4000-8000-${hex(index, 12)}`;
    entry[syntheticLabel] = true;
    return entry;
  }

  /**
   * Splits a filter into what the typed arrays answer (a time range, status, action, subject,
   * service principal, job) and the rest, checked on built entries. Null: nothing can match.
   */
  private plan(clauses: readonly FilterClause[]) {
    let low = 0;
    let high = this.times.length;
    const rest: FilterClause[] = [];
    let status = -1;
    let action = -1;
    let subject = -1;
    for (const clause of clauses) {
      const { path, operator, value } = clause;
      if (path === 'activityDateTime') {
        const t = Date.parse(value);
        if (operator === 'gt' || operator === 'eq') low = Math.max(low, this.firstTime(t, operator === 'gt'));
        if (operator === 'ge') low = Math.max(low, this.firstTime(t, false));
        if (operator === 'lt' || operator === 'eq')
          high = Math.min(high, this.firstTime(t, operator === 'eq'));
        if (operator === 'le') high = Math.min(high, this.firstTime(t, true));
      } else if (path === 'servicePrincipal/id') {
        if (value !== this.input.servicePrincipal.id) return null;
      } else if (path === 'jobId') {
        if (value !== this.input.jobId) return null;
      } else if (path === 'provisioningStatusInfo/status') {
        status = statuses.indexOf(value as (typeof statuses)[number]);
        if (status < 0) return null;
      } else if (path === 'provisioningAction') {
        action = actions.indexOf(value as (typeof actions)[number]);
        if (action < 0) return null;
      } else if (path === 'sourceIdentity/id') {
        subject = this.subjectOf(value);
        if (subject < 0) return null;
      } else rest.push(clause);
    }
    const indexed = (i: number) => {
      const outcome = this.outcomes[i] as number;
      return (
        (status < 0 || (outcome & 3) === status) &&
        (action < 0 || ((outcome >> 2) & 3) === action) &&
        (subject < 0 || this.subjects[i] === subject)
      );
    };
    return { range: [low, Math.max(low, high)] as [number, number], indexed, rest };
  }

  private subjectOf(id: string): number {
    this.subjectIndex ??= new Map(this.input.subjects.ids.map((subjectId, i) => [subjectId, i]));
    return this.subjectIndex.get(id) ?? -1;
  }

  /** The first index whose time is greater than (strict) or at least `time`. */
  private firstTime(time: number, strict: boolean): number {
    return firstIndexNotBefore(this.times.length, (index) => {
      const t = this.times[index] as number;
      return t < time || (strict && t === time);
    });
  }

  private keyAt(index: number): LogKey {
    return [this.times[index] as number, `${this.idPrefix}-5c5c-4000-8000-${hex(index, 12)}`];
  }

  private firstAfter(key: LogKey): number {
    let index = this.firstTime(key[0], false);
    while (index < this.times.length && compareKeys(this.keyAt(index), key) <= 0) index++;
    return index;
  }

  private firstAtOrAfter(key: LogKey): number {
    let index = this.firstTime(key[0], false);
    while (index < this.times.length && compareKeys(this.keyAt(index), key) < 0) index++;
    return index;
  }
}
