/**
 * Entry of the thread long reads of the database run in, on a read-only connection of its own, so
 * the writer goes on polling meanwhile: an integrity check (a full one reads every page, minutes on a
 * large file) or the copy that converts a file to incremental vacuum.
 */
import { parentPort, workerData } from 'node:worker_threads';

import { checkDatabase } from '../store/integrity-check';
import { copyConverted } from '../store/store-conversion';
import type { StoreThreadTask } from '../store/store-thread-task';

const task = workerData as StoreThreadTask;
parentPort?.postMessage(
  task.task === 'check'
    ? checkDatabase(task.path, task.kind, task.nativeBinding)
    : copyConverted(task.path, task.nativeBinding),
);
