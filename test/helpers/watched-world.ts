import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { RunSnapshot, SyncSummary } from '../../shared/contract';
import type { CoreHost } from '../../electron/core/core-host';
import type { EmulatedWorld } from '../../electron/emulators/emulated-world';
import { registerScimWatch } from './both-sides';
import { startTestCore } from './core';

/** A ScimWatch core watching an emulated world, as an admin would set it up (REST token included). */
export interface WatchedWorld {
  core: CoreHost;
  /** One collector pass and the reconciliation after it. */
  sync(): Promise<{ summary: SyncSummary; snapshot: RunSnapshot }>;
  /** Gives ScimWatch a new Pulumi SCIM token, as Settings would. */
  setScimToken(token: string): Promise<void>;
}

export async function watchWorld(world: EmulatedWorld, dir: string): Promise<WatchedWorld> {
  const registration = registerScimWatch(world);
  const accessToken = `pul-${randomBytes(12).toString('hex')}`;
  world.pulumi.org.accessTokens.add(accessToken);
  const caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, `${world.graph.caPem.trim()}\n${world.pulumi.caPem.trim()}\n`, { mode: 0o600 });
  const { core } = await startTestCore(dir, {
    SCIMWATCH_TENANT_ID: world.graph.tenant.tenantId,
    SCIMWATCH_CLIENT_ID: registration.clientId,
    SCIMWATCH_AUTH: 'secret',
    SCIMWATCH_CLIENT_SECRET: registration.clientSecret,
    SCIMWATCH_SERVICE_PRINCIPAL_ID: world.servicePrincipalId,
    SCIMWATCH_JOB_ID: world.jobId,
    SCIMWATCH_GRAPH_URL: world.graph.origin,
    SCIMWATCH_AUTHORITY_HOST: world.graph.origin,
    SCIMWATCH_PULUMI_ORG: world.pulumi.org.name,
    SCIMWATCH_PULUMI_API_URL: world.pulumi.origin,
    SCIMWATCH_PULUMI_ACCESS_TOKEN: accessToken,
    SCIMWATCH_CA_FILE: caFile,
  });
  const setScimToken = async (token: string) => {
    await core.call('settings.update', { secrets: { pulumiScimToken: token } });
  };
  await setScimToken(registration.scimToken);
  return {
    core,
    setScimToken,
    sync: async () => {
      const { summary } = await core.call('sync.run', {});
      const snapshot = await core.call('reconcile.get', {});
      if (!snapshot) throw new Error('sync.run recorded no reconciliation run');
      return { summary, snapshot };
    },
  };
}
