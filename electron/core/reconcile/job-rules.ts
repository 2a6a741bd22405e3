import type { RuleContext } from './rule-context';

type Json = Record<string, unknown>;

/** Entra's documented time between incremental cycles, when the job's schedule does not say. */
const defaultIntervalMs = 40 * 60_000;
/** Quarantine comes when failures dominate (Entra's escrow proportion is 40 %); warn from 30 %. */
const nearQuarantineShare = 0.3;
/** A lone failure in a tiny tenant is a large share but no quarantine risk: warn from this many. */
const nearQuarantineMinimum = 5;
/** Cycles in a row in which every export failed (Entra also quarantines on repeated total failure). */
const nearQuarantineCompleteFailures = 2;

/** The time between the job's cycles: its schedule's interval, or Entra's documented default. */
export function jobIntervalMs(schedule: Json | undefined): number {
  return durationMs(schedule?.interval) ?? defaultIntervalMs;
}

/** Reads an ISO 8601 duration such as PT40M or P1DT2H (the job schedule's interval). */
export function durationMs(text: unknown): number | null {
  const match =
    typeof text === 'string' ? /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(text) : null;
  if (!match) return null;
  const [, d, h, m, s] = match.map((part) => Number(part ?? 0));
  const ms = (((d ?? 0) * 24 + (h ?? 0)) * 60 + (m ?? 0)) * 60_000 + (s ?? 0) * 1000;
  return ms > 0 ? ms : null;
}

const time = (execution: unknown, field: 'timeBegan' | 'timeEnded') => {
  const value = (execution as Json | null | undefined)?.[field];
  return typeof value === 'string' ? Date.parse(value) : NaN;
};

function minutes(ms: number): string {
  return ms >= 120 * 60_000 ? `${Math.round(ms / 3_600_000)} hours` : `${Math.round(ms / 60_000)} minutes`;
}

/**
 * The job, from its status history: quarantined, not running, stalled (no clean cycle for three
 * intervals while cycles keep running), or near quarantine (failures approaching Entra's thresholds).
 * Time is read on the job's own clock (its execution times), never against this machine's.
 */
export function jobRules(context: RuleContext): void {
  const { input, findings } = context;
  const latest = input.jobHistory.at(-1);
  if (!latest) return;
  const status = (latest.state.status ?? {}) as Json;
  const schedule = (latest.state.schedule ?? {}) as Json;
  const code = typeof status.code === 'string' ? status.code : 'NotRun';
  const subject = { displayName: 'Provisioning job' };
  const quarantine = status.quarantine as Json | null | undefined;

  if (code === 'Quarantine') {
    const error = (quarantine?.error ?? {}) as Json;
    findings.add('job.quarantined', subject, {
      reason: quarantine?.reason ?? 'unknown',
      errorCode: error.code ?? null,
      message: error.message ?? null,
      since: quarantine?.seriesBegan ?? quarantine?.currentBegan ?? null,
      nextAttempt: quarantine?.nextAttempt ?? null,
    });
    return;
  }
  if (code === 'Paused' || code === 'NotRun') {
    findings.add('job.not_running', subject, { status: code, observedAt: latest.observedAt });
    return;
  }

  const intervalMs = jobIntervalMs(schedule);
  const lastEnded = time(status.lastExecution, 'timeEnded');
  // Never clean since the history began: count from the first execution ScimWatch saw fail.
  const firstSeen = input.jobHistory
    .map((row) => time((row.state.status as Json | undefined)?.lastExecution, 'timeBegan'))
    .find((t) => !Number.isNaN(t));
  const lastClean = time(status.lastSuccessfulExecution, 'timeEnded');
  const since = Number.isNaN(lastClean) ? firstSeen : lastClean;
  if (since !== undefined && !Number.isNaN(lastEnded) && lastEnded - since > 3 * intervalMs) {
    findings.add('job.stalled', subject, {
      lastSuccess: Number.isNaN(lastClean) ? 'never' : new Date(lastClean).toISOString(),
      lastExecution: new Date(lastEnded).toISOString(),
      interval: minutes(intervalMs),
      successiveCompleteFailures: status.countSuccessiveCompleteFailures ?? 0,
    });
  }

  const escrowed = Number((status.lastExecution as Json | undefined)?.countEscrowed ?? 0);
  const provisioned = context.users.size + context.groups.entraOf.size;
  const share = escrowed / Math.max(1, escrowed + provisioned);
  const completeFailures = Number(status.countSuccessiveCompleteFailures ?? 0);
  if (
    (escrowed >= nearQuarantineMinimum && share >= nearQuarantineShare) ||
    (escrowed > 0 && completeFailures >= nearQuarantineCompleteFailures)
  ) {
    findings.add('job.near_quarantine', subject, {
      escrowed,
      provisioned,
      completeFailures,
      share: `${Math.round(share * 100)} %`,
      quarantineShare: '40 %',
    });
  }
}
