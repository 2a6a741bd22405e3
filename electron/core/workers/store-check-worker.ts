/**
 * Entry of the thread an integrity check runs in: a full check reads every page, minutes on a large
 * file, and the writer must go on polling meanwhile. It opens its own read-only connection.
 */
import { parentPort, workerData } from 'node:worker_threads';

import { checkDatabase, type CheckKind } from '../store/integrity-check';

const { path, kind, nativeBinding } = workerData as {
  path: string;
  kind: CheckKind;
  nativeBinding: string | null;
};
parentPort?.postMessage(checkDatabase(path, kind, nativeBinding));
