import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { fileURLToPath } from 'node:url';

import { CoreHost } from '../../core/core-host';
import { startServer } from '../../server/server';
import { demoFolder, runsDemo } from '../../core/profiles/profile-registry';
import { startBackgroundDemo } from '../../emulators/background-demo';
import { print } from '../output';

/** Demo cycles run every 30 s (Entra's real interval is about 40 minutes). */
const demoIntervalMs = 30_000;

export interface ServeFlags {
  host: string | undefined;
  port: number | undefined;
  tlsCert: string | undefined;
  tlsKey: string | undefined;
  publicHost: string | undefined;
  /** Who acts through this server; one token is shared by everyone who opens it. */
  operator: string | undefined;
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
  // With no live profile, the demo world runs in the background: an emulated tenant and Pulumi org.
  const demo = runsDemo() ? await startBackgroundDemo(demoIntervalMs, demoFolder()) : null;
  let core: CoreHost;
  try {
    core = await CoreHost.start({
      hostKind: 'server',
      lockAs: { command: 'scimwatch serve', url: null },
      poll: true,
      freshDemoDatabase: true,
      // The demo world is emulated: acting on it harms no one, so its actions carry the OS user.
      actor: flags.operator?.trim() || (demo ? userInfo().username : null),
      ...(demo ? { demoEnvironment: demo.environment } : {}),
    });
  } catch (error) {
    await demo?.stop();
    throw error;
  }
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
    await demo?.stop();
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
  if (demo) {
    print(
      'Demo mode: an emulated Entra tenant and Pulumi org are running, with a provisioning cycle every 30 s.',
    );
    print(
      'To watch a real tenant, set the SCIMWATCH_* variables (see the README) or save settings in a new profile.',
    );
  }
  print('Press Ctrl+C to stop.');

  await stopped;
  await server.close();
  await core.close();
  await demo?.stop();
  return 0;
}
