/**
 * Runs the emulators in a worker thread. Inside the packaged desktop app `fork` is unavailable (the
 * RunAsNode fuse is off), so demo mode starts them here; the CLI and tests may also run them in-process.
 */
import { parentPort, workerData } from 'node:worker_threads';

import { startDemo } from './demo-runner';
import { GraphEmulator, type GraphEmulatorOptions } from './graph/graph-emulator';
import { PulumiEmulator, type PulumiEmulatorOptions } from './pulumi/pulumi-emulator';

export interface EmulatorWorkerOptions {
  graph?: GraphEmulatorOptions;
  pulumi?: PulumiEmulatorOptions;
  /** Run the demo world (seeded tenant, engine cycles) instead of bare emulators. */
  demo?: { intervalMs: number };
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
  /** In demo mode: the SCIMWATCH_* variables that point at this world. */
  environment?: Record<string, string>;
}

const options = (workerData ?? {}) as EmulatorWorkerOptions;
const demo = options.demo ? await startDemo({ intervalMs: options.demo.intervalMs }) : null;
const [graph, pulumi] = demo
  ? [demo.world.graph, demo.world.pulumi]
  : await Promise.all([GraphEmulator.start(options.graph), PulumiEmulator.start(options.pulumi)]);
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
  ...(demo ? { environment: demo.environment } : {}),
} satisfies EmulatorWorkerReady);
parentPort?.on('message', (message: { kind: string }) => {
  if (message.kind !== 'stop') return;
  const closing = demo ? demo.stop() : Promise.all([graph.close(), pulumi.close()]);
  void closing.then(() => process.exit(0));
});
