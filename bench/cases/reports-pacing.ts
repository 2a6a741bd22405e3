import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { CollectorSession } from '../../electron/core/collectors/collector-session';
import { createRuntime } from '../../electron/core/collectors/connections';
import { readEnvironment } from '../../electron/core/config/environment';
import type { CoreContext } from '../../electron/core/context';
import { createLogger } from '../../electron/core/log/logger';
import { EnvSecretStore } from '../../electron/core/secrets/env-secret-store';
import { openStore } from '../../electron/core/store/open-database';
import { Scheduler } from '../../electron/core/collectors/scheduler';
import { startDemo } from '../../electron/emulators/demo-runner';
import { addLogBacklog } from '../../electron/emulators/scenarios/world-steps';
import type { BenchCase } from '../harness';

const windowMs = 10_000;
const pageSize = 5;
/** With the demo's first cycle (about 290 entries), about 70 requests: two minutes at 5 per 10 s. */
const backlog = 60;

/**
 * The provisioning-log collector behind Graph's real reports limit (5 requests per 10 s): a backlog
 * read 5 entries at a time, through the real MSAL and Graph client, against the emulator enforcing it.
 */
export const reportsPacingCase: BenchCase = {
  name: 'collectors.reports-pacing',
  description: `The demo world's provisioning log plus ${backlog} late entries, read ${pageSize} per request under Graph's real 5 requests / 10 s budget, through MSAL and the Graph client`,
  async run({ workDir }) {
    const demo = await startDemo({ intervalMs: 3_600_000 });
    try {
      const { tenant } = demo.world.graph;
      addLogBacklog(demo.world, backlog, Date.now() - 5 * 60_000, 500);
      const caFile = join(workDir, 'ca.pem');
      writeFileSync(caFile, demo.caPem);
      const env = {
        ...demo.environment,
        SCIMWATCH_CA_FILE: caFile,
        SCIMWATCH_LOGS_PAGE_SIZE: String(pageSize),
      };
      const { db } = openStore(join(workDir, 'bench.sqlite'));
      const secrets = new EnvSecretStore(env);
      const context = {
        db,
        config: { profile: 'bench', environmentSettings: readEnvironment(env).settings },
        host: { secret: (_p: string, name: never) => Promise.resolve(secrets.get('bench', name)) },
        log: createLogger({ level: 'error', write: () => undefined, knownSecrets: () => [] }),
        emit: () => undefined,
      } as unknown as CoreContext;
      const runtime = createRuntime();
      const session = new CollectorSession(context, runtime);
      const events = session
        .tasks()
        .filter((t) => t.source === 'entra.job' || t.source === 'entra.provisioningEvents');
      const limiter = demo.world.graph.context.reportsLimiter;
      const started = Date.now();
      await new Scheduler(events, { clock: runtime.clock }).runAll();
      const elapsed = Date.now() - started;
      const times = limiter.accepted.filter((t) => t >= started);
      const perWindow: number[] = [];
      for (let w = times[0] ?? 0; w + windowMs <= (times.at(-1) ?? 0); w += windowMs)
        perWindow.push(times.filter((t) => t >= w && t < w + windowMs).length);
      const busiest = Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + windowMs).length));
      const stored = (db.prepare('SELECT count(*) AS n FROM provisioning_events').get() as { n: number }).n;
      db.close();
      return {
        status: 'ok',
        figures: [
          {
            name: 'reports requests',
            value: times.length,
            unit: 'requests',
            target: { better: 'higher', value: 60 },
          },
          {
            name: 'most requests in any 10 s window',
            value: busiest,
            unit: 'requests',
            target: { better: 'lower', value: 5 },
          },
          {
            name: 'fewest requests in a full 10 s window while behind',
            value: Math.min(...perWindow),
            unit: 'requests',
            target: { better: 'higher', value: 4 },
          },
          {
            name: '429s caused',
            value: limiter.rejected,
            unit: 'responses',
            target: { better: 'lower', value: 0 },
          },
          { name: 'elapsed', value: Math.round(elapsed / 1000), unit: 's' },
        ],
        notes: [`${stored} entries stored of ${tenant.log.size} in the log`],
      };
    } finally {
      await demo.stop();
    }
  },
};
