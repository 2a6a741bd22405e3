import * as z from 'zod';

import type { FailureCause, FindingKind } from '../finding-kinds';
import { findingSeverities, type FindingSeverity, type ObjectCounts } from './reconcile';

export const reportFormats = ['csv', 'json', 'html', 'pdf'] as const;
export type ReportFormat = (typeof reportFormats)[number];

/** A report's parts; CSV writes one file per section (or the one named by `--section`). */
export const reportSections = [
  'summary',
  'coverage',
  'findings',
  'team_exceptions',
  'checklist',
  'outcomes',
  'actions',
] as const;
export type ReportSection = (typeof reportSections)[number];

const isoDate = z.iso.datetime({ offset: true });

/** What a report covers and how it is written: the same options in the CLI, the API and the page. */
export const reportOptionsSchema = z.strictObject({
  format: z.enum(reportFormats),
  /** A past reconciliation run, so a report can be made again as of then; the latest when absent. */
  runId: z.number().int().positive().optional(),
  since: isoDate.optional(),
  until: isoDate.optional(),
  minSeverity: z.enum(findingSeverities).optional(),
  includeResolved: z.boolean().optional(),
  redact: z.boolean().optional(),
  section: z.enum(reportSections).optional(),
});
export type ReportOptions = z.infer<typeof reportOptionsSchema>;

/** One export in ScimWatch's own history: its options, where it went, and the file's hash. */
export interface ReportRecord {
  id: string;
  createdAt: string;
  createdBy: string | null;
  options: ReportOptions;
  runId: number | null;
  state: 'writing' | 'done' | 'failed';
  /** A file name (in the profile's reports folder, which `serve` downloads from), never a full path. */
  fileName: string | null;
  bytes: number | null;
  sha256: string | null;
  error: string | null;
}

/** Where `serve` offers a recorded report's file (GET, with the same token as the API). */
export const reportDownloadPath = (id: string) => `/downloads/reports/${encodeURIComponent(id)}`;

/** The version of the report's JSON form; `resources/report.schema.json` describes it. */
export const reportSchemaVersion = 1;

export interface ReportHeader {
  schemaVersion: typeof reportSchemaVersion;
  title: string;
  generatedAt: string;
  scimwatchVersion: string;
  organization: string | null;
  tenantId: string | null;
  app: { servicePrincipalId: string | null; jobId: string | null };
  run: { id: number; startedAt: string; finishedAt: string } | null;
  /** When each side's data was last read successfully, as the run saw it. */
  read: { entra: string | null; log: string | null; pulumi: string | null };
  scope: { rule: 'assigned_only' | 'all_users' | 'unknown'; scopingFilter: boolean };
  period: { since: string; until: string };
  options: Omit<ReportOptions, 'format'>;
  redacted: boolean;
}

/** A stretch of the period the report cannot vouch for, and why. */
export interface CoverageGap {
  source: 'provisioning_log' | 'reconciliation';
  from: string;
  to: string;
  reason: string;
}

export interface ReportSummary {
  objects: { users: ObjectCounts; teams: ObjectCounts } | null;
  findings: {
    open: number;
    roots: number;
    symptoms: number;
    bySeverity: Record<FindingSeverity, number>;
    byKind: { kind: FindingKind; severity: FindingSeverity; roots: number; symptoms: number }[];
  };
  failuresByCause: { cause: FailureCause | 'unclassified'; objects: number; entries: number }[];
  job: { changes: number; quarantines: number; latestState: string | null };
  retries: {
    total: number;
    verifiedSucceeded: number;
    verifiedFailed: number;
    unverified: number;
    other: number;
  };
}

export interface ReportFindingRow {
  key: string;
  kind: FindingKind;
  severity: FindingSeverity;
  state: 'open' | 'resolved';
  root: boolean;
  subject: string;
  entraId: string | null;
  scimId: string | null;
  firstSeen: string;
  lastSeen: string;
  resolvedAt: string | null;
  /** Both sides' values where the finding compares them, else the finding's evidence whole. */
  entra: string;
  pulumi: string;
  /** The rest of the evidence, as `name: value` pairs. */
  details: string;
  cause: FailureCause | null;
  /** The guided fix's id and, filled with this finding's values, its title, steps and first link. */
  fixId: string;
  fix: string;
}

export interface ReportTeamExceptionRow {
  team: string;
  teamEntraId: string | null;
  member: string;
  memberId: string | null;
  kind: FindingKind;
  state: string;
}

export interface ReportChecklistRow {
  step: string;
  outcome: string;
  evidence: string;
}

export interface ReportOutcomeRow {
  day: string;
  success: number;
  failure: number;
  skipped: number;
  warning: number;
}

export interface ReportActionRow {
  id: number;
  kind: string;
  state: string;
  actor: string | null;
  requestedAt: string;
  endedAt: string | null;
  subject: string;
  outcome: string;
}

/** What the Reports page shows before an export: the report's first parts, and runs to choose from. */
export interface ReportPreview {
  header: ReportHeader;
  coverage: CoverageGap[];
  summary: ReportSummary;
  runs: { id: number; finishedAt: string }[];
}

/** Row types by section, as the writers receive them. */
export interface ReportRows {
  findings: ReportFindingRow;
  team_exceptions: ReportTeamExceptionRow;
  checklist: ReportChecklistRow;
  outcomes: ReportOutcomeRow;
  actions: ReportActionRow;
}
