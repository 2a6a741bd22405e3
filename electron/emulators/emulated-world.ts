import { randomUUID } from 'node:crypto';

import { ProvisioningEngine, type QuarantineRules } from './engine/provisioning-engine';
import { GraphEmulator, type GraphEmulatorOptions } from './graph/graph-emulator';
import { PulumiEmulator, type PulumiEmulatorOptions } from './pulumi/pulumi-emulator';

export interface WorldOptions {
  graph?: GraphEmulatorOptions;
  pulumi?: PulumiEmulatorOptions;
  quarantine?: Partial<QuarantineRules>;
  intervalMs?: number;
  now?: () => number;
}

/** Both emulators with the provisioning engine between them, wired as Entra would be to Pulumi. */
export interface EmulatedWorld {
  graph: GraphEmulator;
  pulumi: PulumiEmulator;
  engine: ProvisioningEngine;
  servicePrincipalId: string;
  jobId: string;
  close(): Promise<void>;
}

export async function startEmulatedWorld(options: WorldOptions = {}): Promise<EmulatedWorld> {
  const [graph, pulumi] = await Promise.all([
    GraphEmulator.start({ tenantId: randomUUID(), ...options.graph }),
    PulumiEmulator.start(options.pulumi),
  ]);
  const { servicePrincipal, jobId } = graph.tenant.addProvisioningApp({
    displayName: 'Pulumi Cloud',
    baseAddress: pulumi.scimBaseUrl,
    secretToken: pulumi.org.scimToken,
  });
  const engine = new ProvisioningEngine(graph, {
    servicePrincipalId: servicePrincipal.id,
    jobId,
    ca: [pulumi.caPem],
    ...(options.quarantine ? { quarantine: options.quarantine } : {}),
    ...(options.intervalMs ? { intervalMs: options.intervalMs } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  engine.attach();
  return {
    graph,
    pulumi,
    engine,
    servicePrincipalId: servicePrincipal.id,
    jobId,
    close: async () => {
      await Promise.all([graph.close(), pulumi.close()]);
    },
  };
}
