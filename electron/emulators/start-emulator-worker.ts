import { Worker } from 'node:worker_threads';

import type { EmulatorWorkerOptions, EmulatorWorkerReady } from './emulator-worker';

export interface RunningEmulators {
  graph: EmulatorWorkerReady['graph'];
  pulumi: EmulatorWorkerReady['pulumi'];
  environment: Record<string, string> | null;
  stop(): Promise<void>;
}

/** Starts the emulators in a worker thread and resolves with their addresses and CA once they listen. */
export function startEmulatorWorker(
  entry: URL,
  options: EmulatorWorkerOptions = {},
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
        pulumi: message.pulumi,
        environment: message.environment ?? null,
        stop: () =>
          new Promise<void>((done) => {
            worker.once('exit', () => done());
            worker.postMessage({ kind: 'stop' });
          }),
      });
    });
  });
}
