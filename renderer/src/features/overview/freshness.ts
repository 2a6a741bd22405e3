import type { AppStatus } from '../../../../shared/contract';
import { relativeTime } from '../../ui/time-text';

export type FigureSource = 'entra' | 'pulumi' | 'both';

/**
 * How old a figure is when a source it comes from is failing ("3 h ago"), or null while every such
 * source answers: a figure from a silent source must not pass for current.
 */
export function staleAge(status: AppStatus, source: FigureSource): string | null {
  const sides = source === 'both' ? (['entra', 'pulumi'] as const) : [source];
  const failing = sides
    .map((side) => status.sources[side])
    .filter((s) => s.health === 'error' || s.health === 'degraded');
  if (!failing.length) return null;
  const times = failing.map((s) => s.lastSuccessAt);
  if (times.includes(null)) return 'never';
  return relativeTime([...(times as string[])].sort()[0]);
}
