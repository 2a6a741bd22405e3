import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { CoreHost } from '../../core/core-host';
import { startServer } from '../../server/server';
import { print } from '../output';

export interface ServeFlags {
  host: string | undefined;
  port: number | undefined;
  tlsCert: string | undefined;
  tlsKey: string | undefined;
  publicHost: string | undefined;
}

/** The built dashboard sits beside the Node build: out/node/cli.js → out/renderer/. */
const rendererDir = fileURLToPath(new URL('../renderer/', import.meta.url));

/** `scimwatch serve`: the dashboard and API over HTTP(S), polling the active profile until stopped. */
export async function serveCommand(flags: ServeFlags): Promise<number> {
  if (Boolean(flags.tlsCert) !== Boolean(flags.tlsKey)) {
    throw new Error('--tls-cert and --tls-key go together; pass both or neither.');
  }
  const tls =
    flags.tlsCert && flags.tlsKey
      ? { cert: readFileSync(flags.tlsCert), key: readFileSync(flags.tlsKey) }
      : undefined;
  const core = await CoreHost.start({
    hostKind: 'server',
    lockAs: { command: 'scimwatch serve', url: null },
  });
  let server;
  try {
    server = await startServer({
      core,
      host: flags.host,
      port: flags.port,
      tls,
      publicHost: flags.publicHost,
      staticDir: rendererDir,
    });
  } catch (error) {
    await core.close();
    throw error;
  }
  // Listen for the stop signals before printing the URL: whoever reads it may stop us at once.
  const stopped = new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  core.updateLockHolder({ command: 'scimwatch serve', url: server.origin, accessToken: server.accessToken });
  core.log.info('Serving', { origin: server.origin, profile: core.activeProfile });
  for (const notice of core.notices) print(`Note: ${notice}`);
  print(`ScimWatch is serving profile "${core.activeProfile}" at:`);
  print(`  ${server.url}`);
  print('Press Ctrl+C to stop.');

  await stopped;
  await server.close();
  await core.close();
  return 0;
}
