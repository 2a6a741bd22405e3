// `npm test`: build → typecheck → lint → vitest (unit + integration) → browser tests.
// Prints each phase's duration and fails when the whole run exceeds the budget (12 minutes).
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const budgetMs = 12 * 60 * 1000;
const phases = [
  ['build', 'npm', ['run', '--silent', 'build']],
  ['typecheck', 'npm', ['run', '--silent', 'typecheck']],
  ['lint', 'npm', ['run', '--silent', 'lint']],
  ['vitest', 'npx', ['vitest', 'run', ...jsonReport('vitest')]],
  ['timing', 'npx', ['vitest', 'run', '--config', 'vitest.timing.config.ts', ...jsonReport('timing')]],
  ['browser', 'npx', ['vitest', 'run', '--config', 'vitest.browser.config.ts', ...jsonReport('browser')]],
];

/** Vitest writes a JSON summary beside its normal output, so the totals can be added up at the end. */
function jsonReport(name) {
  return ['--reporter=default', '--reporter=json', `--outputFile.json=test-results/${name}.json`];
}

function counts() {
  let passed = 0;
  let failed = 0;
  for (const name of ['vitest', 'timing', 'browser']) {
    const path = `test-results/${name}.json`;
    if (!existsSync(path)) continue;
    const report = JSON.parse(readFileSync(path, 'utf8'));
    passed += report.numPassedTests;
    failed +=
      report.numFailedTests +
      (report.numTotalTests - report.numPassedTests - report.numFailedTests - report.numPendingTests);
  }
  return { passed, failed };
}

rmSync('test-results', { recursive: true, force: true });

// Worlds on a manual clock start at an offset drawn from this seed, somewhere in the backfill window
// (electron/emulators/world-clock.ts), so a run that passes only near one date fails on any day.
if (!process.env.SCIMWATCH_WORLD_OFFSET_MINUTES && !process.env.SCIMWATCH_WORLD_SEED)
  process.env.SCIMWATCH_WORLD_SEED = String(randomInt(2 ** 31));
const replay = process.env.SCIMWATCH_WORLD_OFFSET_MINUTES
  ? `SCIMWATCH_WORLD_OFFSET_MINUTES=${process.env.SCIMWATCH_WORLD_OFFSET_MINUTES}`
  : `SCIMWATCH_WORLD_SEED=${process.env.SCIMWATCH_WORLD_SEED}`;
console.log(`World clock: ${replay} (replay this run's worlds with: ${replay} npm test)`);

const timings = [];
const started = Date.now();
let failed = null;
for (const [name, command, args] of phases) {
  console.log(`\n▶ ${name}`);
  const phaseStart = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit' });
  timings.push([name, Date.now() - phaseStart]);
  if (result.status !== 0) {
    failed = `${name} failed (exit ${result.status ?? result.signal})`;
    break;
  }
}
const total = Date.now() - started;

console.log('\nPhase durations:');
for (const [name, ms] of timings) console.log(`  ${name.padEnd(10)} ${(ms / 1000).toFixed(1)} s`);
console.log(`  ${'total'.padEnd(10)} ${(total / 1000).toFixed(1)} s (budget ${budgetMs / 60000} min)`);

if (!failed && total > budgetMs)
  failed = `the run took ${(total / 60000).toFixed(1)} min, over the ${budgetMs / 60000}-minute budget`;
console.log(failed ? `\nnpm test: ${failed}` : '\nnpm test: all phases passed');

// The last line is the plain summary CI reads: "N passed, N failed".
const { passed, failed: failedTests } = counts();
console.log(`${passed} passed, ${failedTests} failed`);
process.exit(failed ? 1 : 0);
