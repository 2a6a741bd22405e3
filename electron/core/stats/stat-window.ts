import type { StatGrain, StatRange } from '../../../shared/contract';
import { bucketKey } from '../store/outcome-buckets-repo';

const hourMs = 3_600_000;
const rangeMs: Record<Exclude<StatRange, 'all'>, number> = {
  '24h': 24 * hourMs,
  '7d': 7 * 24 * hourMs,
  '30d': 30 * 24 * hourMs,
};

export interface StatWindow {
  grain: StatGrain;
  /** The range's start (now minus its length); null for all history. */
  since: string | null;
  /** The bucket that holds `since`: a chart starts at a whole bucket. */
  fromKey: string | null;
  to: string;
}

/** Hours for a day or a week (24 or 168 points), UTC days beyond. */
export function statWindow(range: StatRange, now: number): StatWindow {
  const grain: StatGrain = range === '24h' || range === '7d' ? 'hour' : 'day';
  const to = new Date(now).toISOString();
  if (range === 'all') return { grain, since: null, fromKey: null, to };
  const since = now - rangeMs[range];
  return { grain, since: new Date(since).toISOString(), fromKey: bucketKey(grain, since), to };
}
