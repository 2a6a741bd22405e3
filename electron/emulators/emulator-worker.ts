/**
 * Runs the emulators in a worker thread. Inside the packaged desktop app `fork` is unavailable (the
 * RunAsNode fuse is off), so demo mode starts them here; the CLI and tests may also run them in-process.
 */
import { parentPort, workerData } from 'node:worker_threads';

import { GraphEmulator, type GraphEmulatorOptions } from './graph/graph-emulator';

export interface EmulatorWorkerReady {
  kind: 'ready';
  graph: { origin: string; caPem: string; controlKey: string; tenantId: string };
}

const options = (workerData ?? {}) as GraphEmulatorOptions;
const graph = await GraphEmulator.start(options);
parentPort?.postMessage({
  kind: 'ready',
  graph: {
    origin: graph.origin,
    caPem: graph.caPem,
    controlKey: graph.controlKey,
    tenantId: graph.tenant.tenantId,
  },
} satisfies EmulatorWorkerReady);
parentPort?.on('message', (message: { kind: string }) => {
  if (message.kind === 'stop') void graph.close().then(() => process.exit(0));
});
