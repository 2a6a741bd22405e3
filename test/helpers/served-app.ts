import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';

import { chromium } from 'playwright-core';
import type { TestProject } from 'vitest/node';

import { startServer } from '../../electron/server/server';
import { chromiumArgs, findChromium } from './browser';
import { startTestCore } from './core';
import { startStillDemo } from './demo-world';
import { makeTempDir } from './temp-dir';

const rendererDir = fileURLToPath(new URL('../../out/renderer/', import.meta.url));

/** What every browser test shares: one served app over the demo world, and one browser. */
export interface ServedApp {
  url: string;
  origin: string;
  accessToken: string;
  /** The served profile's database, for proofs that count in SQL what the page shows. */
  databasePath: string;
  /** Playwright's endpoint of the shared Chromium. */
  browserEndpoint: string;
  graph: { origin: string; controlKey: string; caPem: string };
  world: {
    tenantId: string;
    jobId: string;
    servicePrincipal: { id: string; displayName: string; appId: string };
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    servedApp: ServedApp;
  }
}

/**
 * Global setup of the browser tests: the demo world standing still (it changes only when a test plants
 * something), a core watching it with one sync done, the server, and Chromium. Tests reach all of it
 * over HTTP and Playwright's protocol, as an admin's browser and the emulator's control API would.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(`${rendererDir}index.html`)) throw new Error('Build the renderer first (npm run build).');
  const dir = makeTempDir();
  // Graph's reports limit (5 per 10 s) scaled to a second on both sides: verification passes read the log.
  const { demo, env } = await startStillDemo(dir.path, { reportsBudget: { count: 5, windowMs: 1000 } });
  // Sent retries are verified every 300 ms (a minute in production); actions are recorded as this tester.
  const { core } = await startTestCore(
    join(dir.path, 'data'),
    { SCIMWATCH_VERIFY_EVERY_MS: '300', SCIMWATCH_REPORTS_BUDGET_WINDOW_MS: '1000' },
    { demoEnvironment: env, actor: 'Browser Tester' },
  );
  await core.call('sync.run', {});
  const server = await startServer({ core, staticDir: rendererDir });
  const browser = await chromium.launchServer({
    executablePath: findChromium(),
    args: chromiumArgs,
    headless: true,
  });
  const { graph } = demo.world;
  const sp = graph.tenant.servicePrincipals.get(demo.world.servicePrincipalId);
  project.provide('servedApp', {
    url: server.url,
    origin: server.origin,
    accessToken: server.accessToken,
    databasePath: join(dir.path, 'data', 'profiles', 'demo.sqlite'),
    browserEndpoint: browser.wsEndpoint(),
    graph: { origin: graph.origin, controlKey: graph.controlKey, caPem: demo.caPem },
    world: {
      tenantId: graph.tenant.tenantId,
      jobId: demo.world.jobId,
      servicePrincipal: { id: sp?.id ?? '', displayName: sp?.displayName ?? '', appId: sp?.appId ?? '' },
    },
  });
  return async () => {
    await browser.close();
    await server.close();
    await core.close();
    await demo.stop();
    dir.remove();
  };
}
