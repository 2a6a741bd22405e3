import { randomUUID } from 'node:crypto';

import {
  ProvisioningEngine,
  type QuarantineRules,
} from '../../electron/emulators/engine/provisioning-engine';
import { GraphEmulator } from '../../electron/emulators/graph/graph-emulator';
import type { JsonObject } from '../../electron/emulators/graph/tenant-types';
import { PulumiEmulator } from '../../electron/emulators/pulumi/pulumi-emulator';
import type { PulumiOrgOptions } from '../../electron/emulators/pulumi/pulumi-org';

export interface EngineWorld {
  graph: GraphEmulator;
  pulumi: PulumiEmulator;
  engine: ProvisioningEngine;
  servicePrincipalId: string;
  jobId: string;
  /** Restricts the user mapping to Pulumi's six attributes, as Pulumi's Entra guide tells admins to. */
  followPulumiGuide: () => void;
  close: () => Promise<void>;
}

/** The Graph and Pulumi emulators with the provisioning engine between them, as Entra would sit. */
export async function startEngineWorld(
  options: { org?: Partial<PulumiOrgOptions>; quarantine?: Partial<QuarantineRules> } = {},
): Promise<EngineWorld> {
  const [graph, pulumi] = await Promise.all([
    GraphEmulator.start({ tenantId: randomUUID() }),
    PulumiEmulator.start({ orgOptions: options.org ?? {} }),
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
  });
  const followPulumiGuide = () => {
    const schema = graph.tenant.schemas.get(jobId) as JsonObject;
    const rule = (schema.synchronizationRules as JsonObject[])[0] as JsonObject;
    const [users, groups] = rule.objectMappings as JsonObject[];
    const keep = new Set([
      'userName',
      'active',
      'displayName',
      'emails[type eq "work"].value',
      'name.givenName',
      'name.familyName',
    ]);
    (users as JsonObject).attributeMappings = ((users as JsonObject).attributeMappings as JsonObject[])
      .filter((m) => keep.has(String(m.targetAttributeName)))
      .map((m) => (m.targetAttributeName === 'userName' ? { ...m, flowType: 'ObjectAddOnly' } : m));
    (groups as JsonObject).attributeMappings = (
      (groups as JsonObject).attributeMappings as JsonObject[]
    ).filter((m) => m.targetAttributeName !== 'externalId');
  };
  return {
    graph,
    pulumi,
    engine,
    servicePrincipalId: servicePrincipal.id,
    jobId,
    followPulumiGuide,
    close: async () => {
      await Promise.all([graph.close(), pulumi.close()]);
    },
  };
}
