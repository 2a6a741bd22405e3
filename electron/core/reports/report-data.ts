import type Database from 'better-sqlite3';

import type {
  CoverageGap,
  ReportActionRow,
  ReportChecklistRow,
  ReportFindingRow,
  ReportHeader,
  ReportOptions,
  ReportOutcomeRow,
  ReportSummary,
  ReportTeamExceptionRow,
  Settings,
} from '../../../shared/contract';
import type { FixContext } from '../../../shared/fixes/render';
import { checklistAt, runRecord } from '../reconcile/run-snapshot';
import { coverageGaps, reportHeader, reportPeriod } from './report-header';
import { findingRow, reportFindings, teamExceptionRow } from './report-findings';
import { actionRows, checklistRows, outcomeRows, reportSummary } from './report-summary';
import { RowRedactor } from './row-redaction';

/** Everything a writer needs: small parts whole, long sections as streams it may read once each. */
export interface ReportData {
  header: ReportHeader;
  coverage: CoverageGap[];
  summary: ReportSummary;
  checklist: ReportChecklistRow[];
  outcomes: ReportOutcomeRow[];
  findings(): Iterable<ReportFindingRow>;
  teamExceptions(): Iterable<ReportTeamExceptionRow>;
  actions(): Iterable<ReportActionRow>;
}

export interface ReportContext {
  now: string;
  version: string;
  settings: Partial<Settings>;
  /** Fixed only by tests (goldens); a report otherwise gets a random key that is never written. */
  redactionKey?: Buffer;
}

/**
 * Reads one report from the store, as of its run: the caller holds a read transaction around the
 * writing, so every section sees the same moment. With redaction on, every row passes through one
 * Redactor, which learns each subject's aliases from the store before the row's text is searched.
 */
export function readReportData(
  db: Database.Database,
  options: ReportOptions,
  context: ReportContext,
): ReportData {
  const run = runRecord(db, options.runId);
  if (options.runId !== undefined && !run)
    throw new Error(`There is no completed reconciliation run ${options.runId}.`);
  const period = reportPeriod(options, run, context.now);
  const runId = run?.id ?? null;
  const redact = options.redact ? new RowRedactor(db, context.redactionKey) : null;
  const fixContext: FixContext = {
    org: context.settings.pulumiOrg ?? null,
    servicePrincipalId: context.settings.servicePrincipalId ?? null,
  };
  const findings = () => reportFindings(db, runId, options, period);
  const header = reportHeader(db, { run, period }, options, context);
  const checklist = run ? checklistRows(checklistAt(db, run.id)) : [];
  return {
    header: redact ? redact.header(header) : header,
    coverage: coverageGaps(db, period),
    summary: reportSummary(db, run, period, findings()),
    checklist: redact ? checklist.map((row) => redact.checklist(row)) : checklist,
    outcomes: outcomeRows(db, period),
    *findings() {
      for (const finding of findings()) {
        const row = findingRow(finding, fixContext);
        yield redact ? redact.finding(row, finding) : row;
      }
    },
    *teamExceptions() {
      for (const finding of findings()) {
        const row = teamExceptionRow(finding);
        if (row) yield redact ? redact.exception(row, finding) : row;
      }
    },
    *actions() {
      for (const row of actionRows(db, period)) yield redact ? redact.action(row) : row;
    },
  };
}
