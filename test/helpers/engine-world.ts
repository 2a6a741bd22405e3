import type { QuarantineRules } from '../../electron/emulators/engine/provisioning-engine';
import { startEmulatedWorld, type EmulatedWorld } from '../../electron/emulators/emulated-world';
import type { JsonObject } from '../../electron/emulators/graph/tenant-types';
import type { PulumiOrgOptions } from '../../electron/emulators/pulumi/pulumi-org';
import { applyPulumiGuide } from '../../electron/emulators/scenarios/pulumi-guide-schema';

export interface EngineWorld extends EmulatedWorld {
  /** Changes the mappings as Pulumi's Entra guide tells admins to. */
  followPulumiGuide: () => void;
}

export async function startEngineWorld(
  options: { org?: Partial<PulumiOrgOptions>; quarantine?: Partial<QuarantineRules> } = {},
): Promise<EngineWorld> {
  const world = await startEmulatedWorld({
    pulumi: { orgOptions: options.org ?? {} },
    ...(options.quarantine ? { quarantine: options.quarantine } : {}),
  });
  return {
    ...world,
    followPulumiGuide: () => applyPulumiGuide(world.graph.tenant.schemas.get(world.jobId) as JsonObject),
  };
}
