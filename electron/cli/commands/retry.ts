import { isFinishedAction, type ActionRow, type InputOf, type RetryEnqueued } from '../../../shared/contract';
import type { FailureCause } from '../../../shared/finding-kinds';
import { actionStateLabels } from '../../../shared/labels';
import { exitCodes } from '../exit-codes';
import { print } from '../output';
import { withProfileCore, type ProfileCaller } from '../profile-core';

export interface RetryFlags {
  json: boolean;
  object: string | undefined;
  cause: FailureCause | undefined;
  allFailed: boolean;
  force: boolean;
}

/** How often the command looks at its batch (the queue itself runs in the core, paced by Graph's limit). */
const watchEveryMs = 250;

/**
 * `scimwatch retry --object ID | --cause C | --all-failed [--force] [--json]`: queues the retries,
 * then follows them to their verified outcome. Exit 0 when every one succeeded, 2 when any did not,
 * 1 when nothing could be queued. Stopping the command leaves the queue in the store, to resume.
 */
export async function retryCommand(flags: RetryFlags): Promise<number> {
  const input: InputOf<'retry.run'> = flags.object
    ? { objects: [{ entraId: flags.object }], force: flags.force }
    : flags.cause
      ? { cause: flags.cause, force: flags.force }
      : { allFailed: true, force: flags.force };
  return withProfileCore('scimwatch retry', async (caller) => {
    // The demo starts from a fresh world: read it once, so there are failures to retry.
    if (caller.demo) await caller.call('sync.run', {});
    const enqueued = await caller.call('retry.run', input);
    report(enqueued, flags);
    if (enqueued.queued.length === 0) return exitCodes.error;
    const final = await follow(caller, enqueued, flags);
    return final.every((a) => a.state === 'verified_succeeded') ? exitCodes.ok : exitCodes.threshold;
  });
}

function report(enqueued: RetryEnqueued, flags: RetryFlags): void {
  if (flags.json) {
    for (const refusal of enqueued.refused) print(JSON.stringify({ type: 'refused', ...refusal }));
    return;
  }
  print(
    `Queued ${enqueued.queued.length} request(s)${enqueued.batchId ? ` as batch ${enqueued.batchId}` : ''}.`,
  );
  for (const refusal of enqueued.refused)
    print(
      `  Not queued: ${refusal.displayName ?? refusal.entraId}: ${refusal.reason}${refusal.canForce ? ' (--force sends it anyway)' : ''}`,
    );
}

/** Follows the batch until every request ends, printing each change (a bar on a terminal). */
async function follow(
  caller: ProfileCaller,
  enqueued: RetryEnqueued,
  flags: RetryFlags,
): Promise<ActionRow[]> {
  const ids = new Set(enqueued.queued.map((a) => a.id));
  const seen = new Map<number, string>();
  const bar = !flags.json && process.stdout.isTTY;
  for (;;) {
    const page = await caller.call('actions.list', {
      filter: enqueued.batchId ? { batchId: enqueued.batchId } : {},
      limit: 500,
    });
    const rows = page.items.filter((a) => ids.has(a.id));
    for (const row of rows) {
      if (seen.get(row.id) === row.state) continue;
      seen.set(row.id, row.state);
      if (flags.json)
        print(
          JSON.stringify({
            type: 'updated',
            id: row.id,
            entraId: row.entraId,
            displayName: row.displayName,
            state: row.state,
            message: row.message,
          }),
        );
      else if (!bar || isFinishedAction(row.state))
        print(
          `${bar ? '\r\x1b[2K' : ''}${row.displayName ?? row.entraId}: ${actionStateLabels[row.state]}. ${row.message ?? ''}`,
        );
    }
    const done = rows.filter((r) => isFinishedAction(r.state)).length;
    if (bar) process.stdout.write(`\r\x1b[2K${progressBar(done, ids.size)} ${summary(rows)}`);
    if (done === ids.size) {
      if (bar) process.stdout.write('\n');
      if (flags.json) print(JSON.stringify({ type: 'finished', ...counts(rows) }));
      else print(summary(rows));
      return rows;
    }
    await new Promise((resolve) => setTimeout(resolve, watchEveryMs));
  }
}

function counts(rows: ActionRow[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const row of rows) out[row.state] = (out[row.state] ?? 0) + 1;
  return out;
}

function summary(rows: ActionRow[]): string {
  return Object.entries(counts(rows))
    .map(([state, n]) => `${n} ${actionStateLabels[state as ActionRow['state']].toLowerCase()}`)
    .join(', ');
}

function progressBar(done: number, total: number, width = 24): string {
  const filled = Math.round((done / Math.max(1, total)) * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}`;
}
