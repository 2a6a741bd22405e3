import { Worker } from 'node:worker_threads';

import type { EmulatorWorkerReady } from './emulator-worker';
import type { GraphEmulatorOptions } from './graph/graph-emulator';

export interface RunningEmulators {
  graph: EmulatorWorkerReady['graph'];
  stop(): Promise<void>;
}

/** Starts the emulators in a worker thread and resolves with their addresses and CA once they listen. */
export function startEmulatorWorker(
  entry: URL,
  options: GraphEmulatorOptions = {},
): Promise<RunningEmulators> {
  const worker = new Worker(entry, { workerData: options });
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) =>
      reject(new Error(`The emulator worker exited (${code}) before it was ready`)),
    );
    worker.once('message', (message: EmulatorWorkerReady) => {
      worker.removeAllListeners('exit');
      resolve({
        graph: message.graph,
        stop: () =>
          new Promise<void>((done) => {
            worker.once('exit', () => done());
            worker.postMessage({ kind: 'stop' });
          }),
      });
    });
  });
}
