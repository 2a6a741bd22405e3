/** What a benchmark case reports: named figures, each with its target and, where defined, a baseline. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** What the figure must reach; `higher` means at least `value`, `lower` at most. */
  target?: { better: 'higher' | 'lower'; value: number };
  /** Another figure measured in the same run for comparison, e.g. a raw-library version of the same work. */
  baseline?: { name: string; value: number };
}

export type CaseResult =
  | { status: 'ok'; figures: Figure[]; notes: string[] }
  | { status: 'skipped'; reason: string }
  /** The case threw: recorded, so one broken case does not cost the figures of the others. */
  | { status: 'failed'; reason: string };

export interface BenchContext {
  /** A temporary folder for this case; the harness deletes it afterwards. */
  workDir: string;
}

export interface BenchCase {
  name: string;
  description: string;
  run(context: BenchContext): Promise<CaseResult> | CaseResult;
}

/** True when a figure meets its target (figures without one always do). */
export function meetsTarget(figure: Figure): boolean {
  if (!figure.target) return true;
  return figure.target.better === 'higher'
    ? figure.value >= figure.target.value
    : figure.value <= figure.target.value;
}

/** The median of repeated measurements, to keep one noisy run from deciding. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** A full garbage collection now (the bench runs with --expose-gc): none left to run concurrently later. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
