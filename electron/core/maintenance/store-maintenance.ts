import { Worker } from 'node:worker_threads';

import type { StoreCheck } from '../../../shared/contract';
import { currentSettings, type CoreContext } from '../context';
import type { CheckKind, CheckOutcome } from '../store/integrity-check';
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
  private checkThread: Worker | undefined;

  constructor(
    private readonly context: CoreContext,
    private readonly clock: Clock,
  ) {}

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.controller.abort(new Error('ScimWatch is stopping'));
    // A full check of a large file takes minutes: it is stopped, not waited for, and stays due.
    await this.checkThread?.terminate();
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

  private async checkInThread(kind: CheckKind): Promise<StoreCheck> {
    const { config, db, log } = this.context;
    const at = new Date(this.clock.now()).toISOString();
    const outcome = await new Promise<CheckOutcome>((resolve, reject) => {
      const worker = new Worker(new URL(config.checkWorkerEntry), {
        workerData: { path: config.databasePath, kind, nativeBinding: config.nativeBinding },
      });
      this.checkThread = worker;
      worker.once('message', (message: CheckOutcome) => resolve(message));
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`The integrity check stopped (exit ${code}).`)));
    });
    this.checkThread = undefined;
    if (db.open) recordCheck(db, { at, ...outcome });
    const check = { at, ...outcome, ok: outcome.result === 'ok' };
    if (check.ok) log.info('Database integrity check passed', { kind, ms: outcome.ms });
    else log.error('Database integrity check found damage', { kind, result: outcome.result });
    return check;
  }
}
