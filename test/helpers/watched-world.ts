import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { RunSnapshot, SyncSummary } from '../../shared/contract';
import type { CoreHost, CoreHostOptions } from '../../electron/core/core-host';
import type { EmulatedWorld } from '../../electron/emulators/emulated-world';
import { connectScimWatch } from '../../electron/emulators/scimwatch-connection';
import { startTestCore } from './core';

/** A ScimWatch core watching an emulated world, as an admin would set it up (REST token included). */
export interface WatchedWorld {
  core: CoreHost;
  /** ScimWatch's own app registration in the world's tenant. */
  clientId: string;
  /** One collector pass and the reconciliation after it. */
  sync(): Promise<{ summary: SyncSummary; snapshot: RunSnapshot }>;
  /** Gives ScimWatch a new Pulumi SCIM token, as Settings would. */
  setScimToken(token: string): Promise<void>;
}

export async function watchWorld(
  world: EmulatedWorld,
  dir: string,
  extraEnvironment: Record<string, string> = {},
  coreOptions: Partial<CoreHostOptions> = {},
): Promise<WatchedWorld> {
  const connection = connectScimWatch(world);
  const caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, connection.caPem, { mode: 0o600 });
  // The SCIM token goes through Settings, not the environment, so a test can replace it as an admin would.
  const { SCIMWATCH_PULUMI_SCIM_TOKEN: _fromSettings, ...environment } = connection.environment;
  // A pass asks a failing source again a tenth of a second later, not a second: worlds that keep a
  // side failing on purpose (a stalled job) need not wait in every proof.
  const { core } = await startTestCore(
    dir,
    {
      ...environment,
      SCIMWATCH_CA_FILE: caFile,
      SCIMWATCH_RETRY_DELAY_MS: '100',
      ...extraEnvironment,
    },
    coreOptions,
  );
  const setScimToken = async (token: string) => {
    await core.call('settings.update', { secrets: { pulumiScimToken: token } });
  };
  await setScimToken(connection.scimToken);
  return {
    core,
    clientId: connection.clientId,
    setScimToken,
    sync: async () => {
      const { summary } = await core.call('sync.run', {});
      const snapshot = await core.call('reconcile.get', {});
      if (!snapshot) throw new Error('sync.run recorded no reconciliation run');
      return { summary, snapshot };
    },
  };
}
