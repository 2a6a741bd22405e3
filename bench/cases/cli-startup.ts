import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import { median, type BenchCase } from '../harness';

const runs = 7;

/** Wall time of one CLI command, from spawn to exit (what a cron job or a shell user waits). */
function timeCommand(args: string[], env: NodeJS.ProcessEnv): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { env, encoding: 'utf8' });
  const elapsed = performance.now() - started;
  if (result.status !== 0 && args.includes('--version'))
    throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
  return elapsed;
}

const medianOf = (args: string[], env: NodeJS.ProcessEnv) =>
  Math.round(median(Array.from({ length: runs }, () => timeCommand(args, env))));

/**
 * One-shot commands pay their start-up on every cron run: node, the modules they load, a worker
 * opening the database. Measured on the built CLI against a small demo database filled by one sync.
 */
export const cliStartupCase: BenchCase = {
  name: 'cli.startup',
  description: `Wall time of \`scimwatch --version\`, \`status\` and \`findings\` on the demo profile after one \`sync --once\` (a few hundred users), median of ${runs} runs each, beside an empty \`node -e ""\`.`,
  run: ({ workDir }) => {
    const env = { ...process.env, SCIMWATCH_DATA_DIR: join(workDir, 'data'), SCIMWATCH_PROFILE: 'demo' };
    const cli = 'bin/scimwatch.js';
    const sync = spawnSync(process.execPath, [cli, 'sync', '--once', '--json'], { env, encoding: 'utf8' });
    if (sync.status === null) throw new Error(`sync --once did not finish: ${sync.stderr}`);
    const node = medianOf(['-e', ''], env);
    return {
      status: 'ok',
      figures: [
        {
          name: 'scimwatch --version',
          value: medianOf([cli, '--version'], env),
          unit: 'ms',
          target: { better: 'lower', value: 150 },
        },
        {
          name: 'scimwatch status',
          value: medianOf([cli, 'status'], env),
          unit: 'ms',
          target: { better: 'lower', value: 500 },
        },
        { name: 'scimwatch findings', value: medianOf([cli, 'findings'], env), unit: 'ms' },
        { name: 'node -e "" (floor)', value: node, unit: 'ms' },
      ],
      notes: [
        `sync --once exited ${sync.status}; the database holds what one demo sync collects`,
        'the CLI imports each command when it runs; --version loads neither the core nor zod, and read-only commands start one worker that loads no collector, MSAL or Graph code',
      ],
    };
  },
};
