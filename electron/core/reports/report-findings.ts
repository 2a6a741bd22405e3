import type Database from 'better-sqlite3';

import type {
  Finding,
  ReportFindingRow,
  ReportOptions,
  ReportTeamExceptionRow,
} from '../../../shared/contract';
import { findingSeverities, severityRank } from '../../../shared/contract';
import { fixById } from '../../../shared/fixes';
import { renderFix, type FixContext } from '../../../shared/fixes/render';
import type { FindingKind } from '../../../shared/finding-kinds';
import { plainText } from './plain-text';

/** A finding as the report reads it: its state at the run, or its last state if resolved in the period. */
export interface ReportFinding extends Finding {
  state: 'open' | 'resolved';
  firstSeen: string;
  lastSeen: string;
  resolvedAt: string | null;
}

interface Row {
  key: string;
  kind: FindingKind;
  entraId: string | null;
  scimId: string | null;
  state: string;
  firstSeen: string;
  lastSeen: string;
  resolvedAt: string | null;
}

const pageSize = 1000;

/**
 * The findings a report lists, streamed: those open at the run, then (if asked) those resolved within
 * the period as they last stood; at or above the severity threshold, most severe first. Read in keyset
 * pages, not one open iterator, so the caller may run other statements between rows.
 */
export function* reportFindings(
  db: Database.Database,
  runId: number | null,
  options: ReportOptions,
  period: { since: string; until: string },
): Generator<ReportFinding> {
  if (runId === null) return;
  const minRank = severityRank[options.minSeverity ?? 'info'];
  const severities = [...findingSeverities].reverse().filter((s) => severityRank[s] >= minRank);
  const select = `SELECT f.key, f.kind, f.entra_id AS entraId, f.scim_id AS scimId, v.state,
      f.first_seen_at AS firstSeen, f.last_seen_at AS lastSeen, f.resolved_at AS resolvedAt
    FROM finding_versions v JOIN findings f ON f.key = v.finding_key`;
  const page = `AND json_extract(v.state, '$.severity') = @severity AND (f.kind, f.key) > (@kind, @key)
    ORDER BY f.kind, f.key LIMIT ${pageSize}`;
  const states = {
    open: db.prepare(
      `${select} WHERE v.valid_from_run <= @runId AND (v.valid_to_run IS NULL OR v.valid_to_run > @runId) ${page}`,
    ),
    resolved: db.prepare(
      `${select} WHERE f.resolved_run IS NOT NULL AND f.resolved_run <= @runId AND v.valid_to_run = f.resolved_run
         AND f.resolved_at >= @since AND f.resolved_at <= @until ${page}`,
    ),
  };
  for (const state of options.includeResolved ? (['open', 'resolved'] as const) : (['open'] as const))
    for (const severity of severities) {
      let after = { kind: '', key: '' };
      for (;;) {
        const rows = states[state].all({ runId, ...period, severity, ...after }) as Row[];
        for (const row of rows) yield toFinding(row, state);
        const last = rows.at(-1);
        if (!last || rows.length < pageSize) break;
        after = { kind: last.kind, key: last.key };
      }
    }
}

function toFinding(row: Row, state: 'open' | 'resolved'): ReportFinding {
  const version = JSON.parse(row.state) as Omit<Finding, 'key' | 'kind'>;
  return {
    ...version,
    key: row.key,
    kind: row.kind,
    ...(row.entraId ? { entraId: row.entraId } : {}),
    ...(row.scimId ? { scimId: row.scimId } : {}),
    state,
    firstSeen: row.firstSeen,
    lastSeen: row.lastSeen,
    resolvedAt: state === 'resolved' ? row.resolvedAt : null,
  };
}

/** `name: value` pairs of an evidence object, nested objects flattened with dots. */
export function describeEvidence(value: unknown, prefix = ''): string {
  if (value === null || value === undefined) return prefix ? `${prefix}: none` : '';
  if (typeof value !== 'object') return prefix ? `${prefix}: ${plainText(value)}` : plainText(value);
  if (Array.isArray(value))
    return `${prefix}: ${value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ')}`;
  return Object.entries(value)
    .map(([key, inner]) => describeEvidence(inner, prefix ? `${prefix}.${key}` : key))
    .filter(Boolean)
    .join('; ');
}

/** Both sides' values where the finding compares them (entra/pulumi, or expected/actual), and the rest. */
function sides(evidence: Record<string, unknown>): { entra: string; pulumi: string; details: string } {
  const { entra, pulumi, expected, actual, ...rest } = evidence;
  const left = entra ?? expected;
  const right = pulumi ?? actual;
  return {
    entra: left === undefined ? '' : describeEvidence(left),
    pulumi: right === undefined ? '' : describeEvidence(right),
    details: describeEvidence(rest),
  };
}

/** The fix, filled with the finding's values: its title, its steps numbered, its first link. */
function fixText(finding: Finding, context: FixContext): string {
  if (!fixById(finding.fixId)) return '';
  const fix = renderFix(finding.fixId, finding, context);
  const steps = fix.steps.map((step, i) => `${i + 1}. ${step}`).join(' ');
  const link = fix.links[0] ?? fix.docs[0];
  return `${fix.title}: ${steps}${link ? ` (${link.url})` : ''}`;
}

export function findingRow(finding: ReportFinding, context: FixContext): ReportFindingRow {
  return {
    key: finding.key,
    kind: finding.kind,
    severity: finding.severity,
    state: finding.state,
    root: !finding.rootKey,
    subject: finding.displayName,
    entraId: finding.entraId ?? null,
    scimId: finding.scimId ?? null,
    firstSeen: finding.firstSeen,
    lastSeen: finding.lastSeen,
    resolvedAt: finding.resolvedAt,
    ...sides(finding.evidence),
    cause: finding.cause ?? null,
    fixId: finding.fixId,
    fix: fixText(finding, context),
  };
}

const memberKinds: FindingKind[] = [
  'team.member_missing',
  'team.member_extra',
  'team.member_not_provisioned',
  'team.nested_members_ignored',
];

/** A team membership exception from a member finding; null for any other finding. */
export function teamExceptionRow(finding: ReportFinding): ReportTeamExceptionRow | null {
  if (!memberKinds.includes(finding.kind)) return null;
  const e = finding.evidence;
  const text = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) ? v.join(', ') : '');
  return {
    team: finding.displayName,
    teamEntraId: finding.entraId ?? null,
    member: text(e.member ?? e.nestedGroups),
    memberId: text(e.memberId ?? e.memberScimId) || null,
    kind: finding.kind,
    state: text(e.memberState) || 'nested group: Entra pushes none of its members',
  };
}
