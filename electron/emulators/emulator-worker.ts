/**
 * Runs the emulators in a worker thread. Inside the packaged desktop app `fork` is unavailable (the
 * RunAsNode fuse is off), so demo mode starts them here; the CLI and tests may also run them in-process.
 */
import { parentPort, workerData } from 'node:worker_threads';

import { GraphEmulator, type GraphEmulatorOptions } from './graph/graph-emulator';
import { PulumiEmulator, type PulumiEmulatorOptions } from './pulumi/pulumi-emulator';

export interface EmulatorWorkerOptions {
  graph?: GraphEmulatorOptions;
  pulumi?: PulumiEmulatorOptions;
}

export interface EmulatorWorkerReady {
  kind: 'ready';
  graph: { origin: string; caPem: string; controlKey: string; tenantId: string };
  pulumi: {
    origin: string;
    caPem: string;
    controlKey: string;
    scimBaseUrl: string;
    scimToken: string;
    accessToken: string;
  };
}

const options = (workerData ?? {}) as EmulatorWorkerOptions;
const [graph, pulumi] = await Promise.all([
  GraphEmulator.start(options.graph),
  PulumiEmulator.start(options.pulumi),
]);
parentPort?.postMessage({
  kind: 'ready',
  graph: {
    origin: graph.origin,
    caPem: graph.caPem,
    controlKey: graph.controlKey,
    tenantId: graph.tenant.tenantId,
  },
  pulumi: {
    origin: pulumi.origin,
    caPem: pulumi.caPem,
    controlKey: pulumi.controlKey,
    scimBaseUrl: pulumi.scimBaseUrl,
    scimToken: pulumi.org.scimToken,
    accessToken: pulumi.accessToken,
  },
} satisfies EmulatorWorkerReady);
parentPort?.on('message', (message: { kind: string }) => {
  if (message.kind === 'stop') void Promise.all([graph.close(), pulumi.close()]).then(() => process.exit(0));
});
