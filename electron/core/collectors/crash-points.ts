/**
 * Named points where the crash-safety test kills this process (SIGKILL, no cleanup), e.g.
 * SCIMWATCH_TEST_CRASH_AT="events.in-transaction:3" dies the third time that point is reached.
 * Unset in production, where this is a no-op.
 */
export type CrashPoint =
  | 'events.page-received'
  | 'events.in-transaction'
  | 'events.committed'
  | 'directory.in-transaction'
  | 'pulumi.in-transaction'
  | 'retry.before-send'
  | 'retry.after-send'
  | 'retry.verifying';

const reached = new Map<string, number>();

export function crashPoint(point: CrashPoint): void {
  const wanted = process.env.SCIMWATCH_TEST_CRASH_AT;
  if (!wanted) return;
  const [name, count] = wanted.split(':');
  if (name !== point) return;
  const times = (reached.get(point) ?? 0) + 1;
  reached.set(point, times);
  if (times === Number(count ?? 1)) process.kill(process.pid, 'SIGKILL');
}
