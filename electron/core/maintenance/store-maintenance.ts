import { Worker } from 'node:worker_threads';

import type { StoreCheck } from '../../../shared/contract';
import { currentSettings, type CoreContext } from '../context';
import type { CheckKind, CheckOutcome } from '../store/integrity-check';
import { drainChanges } from '../store/conversion-catch-up';
import {
  abandonConversion,
  beginConversion,
  needsConversion,
  readConversion,
  recordCopied,
} from '../store/store-conversion';
import type { StoreThreadTask } from '../store/store-thread-task';
import { readStoreState, recordCheck, recordPrune } from '../store/store-state-repo';
import type { Clock } from '../time/clock';
import { defaultRetentionDays, mergeSearchIndex, pruneHistory, releaseFreePages } from './retention';
import { sampleSize } from './store-size';

/** How often the store is looked after; each pass does only what is due. */
const passEveryMs = 60 * 60 * 1000;
/** A full integrity check at least this often (and after every unclean shutdown). */
const checkEveryMs = 7 * 86_400_000;

/**
 * Looks after the profile's database in the writer: the integrity check (on a thread of its own, so
 * polling goes on), retention, merging the search index, giving free pages back, and the daily size
 * sample. Runs in pollers
 * (the desktop app and `serve`); the CLI asks for a check directly.
 */
export class StoreMaintenance {
  private readonly controller = new AbortController();
  private loop: Promise<void> | undefined;
  private checking: Promise<StoreCheck> | undefined;
  private thread: { worker: Worker; done: Promise<unknown> } | undefined;

  constructor(
    private readonly context: CoreContext,
    private readonly clock: Clock,
  ) {}

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.controller.abort(new Error('ScimWatch is stopping'));
    // A full check or a copy of a large file takes minutes: it is stopped, not waited for; the check
    // stays due and the copy is made again.
    await this.thread?.worker.terminate();
    await this.loop;
    await this.checking?.catch(() => undefined);
  }

  /** Checks the file now (joining a check in progress) and records what SQLite said. */
  check(kind: CheckKind): Promise<StoreCheck> {
    this.checking ??= this.checkInThread(kind).finally(() => (this.checking = undefined));
    return this.checking;
  }

  /** One pass: what is due, in order of importance. */
  async pass(): Promise<void> {
    const { db, config, log } = this.context;
    const signal = this.controller.signal;
    const state = readStoreState(db);
    const now = this.clock.now();
    if (state.checkDue || !state.checkAt || now - Date.parse(state.checkAt) >= checkEveryMs)
      await this.check('full');
    const days = currentSettings(this.context).retentionDays ?? defaultRetentionDays;
    const cutoff = new Date(now - days * 86_400_000).toISOString();
    const removed = await pruneHistory(db, cutoff, signal);
    const rows = Object.values(removed).reduce((a, b) => a + b, 0);
    recordPrune(db, new Date(now).toISOString(), rows);
    if (rows) log.info('Pruned history older than the retention period', { days, cutoff, removed });
    await mergeSearchIndex(db, undefined, signal);
    const released = await releaseFreePages(db, undefined, signal);
    if (released) log.info('Gave free database pages back to the file system', { pages: released });
    sampleSize(db, config.databasePath, new Date(now));
    await this.convertInBackground();
  }

  private async run(): Promise<void> {
    const signal = this.controller.signal;
    while (!signal.aborted) {
      try {
        await this.pass();
        await this.clock.sleep(passEveryMs, signal);
      } catch (error) {
        if (signal.aborted) return;
        this.context.log.error('Database maintenance failed', { error });
        await this.clock.sleep(passEveryMs, signal).catch(() => undefined);
      }
    }
  }

  /**
   * A file from before version 12 is converted to incremental vacuum in the background: its copy is
   * made on the store's thread and swaps in at a later start (store/store-conversion.ts); meanwhile
   * each pass copies what changed into it, in small batches. A copy left unfinished by a stop is
   * made again.
   */
  private async convertInBackground(): Promise<void> {
    const { db, config, log } = this.context;
    // A restored file is converted already; a backup made mid-conversion brought its trackers along.
    if (!needsConversion(db)) {
      if (readConversion(db)) abandonConversion(db, config.databasePath);
      return;
    }
    if (readConversion(db)?.copiedAt) {
      const signal = this.controller.signal;
      const rows = await drainChanges(db, config.databasePath, config.nativeBinding ?? undefined, signal);
      if (rows) log.info('Brought the converted copy of the database up to date', { rows });
      return;
    }
    try {
      beginConversion(db, config.databasePath, new Date(this.clock.now()));
    } catch (error) {
      log.warn('The database cannot be converted to give space back yet', { error });
      return;
    }
    log.info('Converting the database to give space back, in the background');
    const copied = await this.inThread<{ ms: number; bytes: number }>({
      task: 'copy',
      path: config.databasePath,
      nativeBinding: config.nativeBinding,
    });
    if (!db.open || this.controller.signal.aborted) return;
    recordCopied(db, new Date(this.clock.now()));
    log.info('The database is converted; the copy takes its place at the next start', copied);
  }

  private async checkInThread(kind: CheckKind): Promise<StoreCheck> {
    const { config, db, log } = this.context;
    const at = new Date(this.clock.now()).toISOString();
    const outcome = await this.inThread<CheckOutcome>({
      task: 'check',
      kind,
      path: config.databasePath,
      nativeBinding: config.nativeBinding,
    });
    if (db.open) recordCheck(db, { at, ...outcome });
    const check = { at, ...outcome, ok: outcome.result === 'ok' };
    if (check.ok) log.info('Database integrity check passed', { kind, ms: outcome.ms });
    else log.error('Database integrity check found damage', { kind, result: outcome.result });
    return check;
  }

  /** Runs a long read on the store's thread; one at a time (a check and a copy do not overlap). */
  private async inThread<T>(task: StoreThreadTask): Promise<T> {
    await this.thread?.done;
    const worker = new Worker(new URL(this.context.config.storeThreadEntry), { workerData: task });
    const done = new Promise<T>((resolve, reject) => {
      worker.once('message', (message: T) => resolve(message));
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`The store's thread stopped (exit ${code}).`)));
    });
    this.thread = { worker, done: done.catch(() => undefined) };
    try {
      return await done;
    } finally {
      if (this.thread.worker === worker) this.thread = undefined;
    }
  }
}
