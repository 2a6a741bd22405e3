// From the module itself, not the contract's index: `--version` and `--help` must not load zod.
import {
  findingSeverities,
  severityRank,
  type FindingSeverity,
  type RunCounts,
} from '../../shared/contract/reconcile';
import { exitCodes } from './exit-codes';

/** Reads `--fail-on error|warning` (info would fail on every tenant, so it is not offered). */
export function parseFailOn(raw: string | undefined): FindingSeverity | undefined {
  if (raw === undefined) return undefined;
  if (raw !== 'error' && raw !== 'warning')
    throw new Error(`--fail-on takes "error" or "warning", not "${raw}".`);
  return raw;
}

export function parseSeverity(raw: string | undefined, flag: string): FindingSeverity | undefined {
  if (raw === undefined) return undefined;
  if (!(findingSeverities as readonly string[]).includes(raw))
    throw new Error(`${flag} takes ${findingSeverities.join(', ')}, not "${raw}".`);
  return raw as FindingSeverity;
}

/** 2 when open findings reach the threshold; a source or configuration error (1) wins over it. */
export function exitCodeFor(
  counts: RunCounts | undefined,
  failOn: FindingSeverity | undefined,
  errored: boolean,
) {
  if (errored) return exitCodes.error;
  if (!failOn || !counts) return exitCodes.ok;
  const reached = findingSeverities.some(
    (severity) => severityRank[severity] >= severityRank[failOn] && counts.findings.bySeverity[severity] > 0,
  );
  return reached ? exitCodes.threshold : exitCodes.ok;
}
