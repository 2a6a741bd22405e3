/**
 * Runs reconciliation on an existing ScimWatch database, in a process of its own so its peak memory is
 * its own: `node scripts/run-ts.mjs bench/reconcile-probe.ts <db> <settings JSON> <runs>`. Prints one
 * JSON line: per run the load, compute and record times, the findings, and the process's peak RSS.
 */
import type { Settings } from '../shared/contract';
import { reconcile } from '../electron/core/reconcile/reconcile';
import { loadReconcileInput } from '../electron/core/reconcile/reconcile-input';
import { recordRun } from '../electron/core/reconcile/run-store';
import { openStore } from '../electron/core/store/open-database';

const [path, settingsJson, runsText] = process.argv.slice(2);
if (!path || !settingsJson) throw new Error('usage: reconcile-probe <db> <settings JSON> [runs]');
const settings = JSON.parse(settingsJson) as Partial<Settings>;
const { db } = openStore(path);
const rssBefore = process.memoryUsage().rss;
const runs = [];
for (let i = 0; i < Number(runsText ?? 3); i++) {
  const t0 = performance.now();
  const input = loadReconcileInput(db);
  const t1 = performance.now();
  const result = reconcile(input, settings);
  const t2 = performance.now();
  const at = new Date().toISOString();
  const run = recordRun(db, { ...result, trigger: 'manual', startedAt: at, finishedAt: at });
  const t3 = performance.now();
  runs.push({
    loadMs: t1 - t0,
    computeMs: t2 - t1,
    recordMs: t3 - t2,
    totalMs: t3 - t0,
    findings: result.counts.findings,
    users: result.counts.users,
    teams: result.counts.teams,
    opened: run.opened,
  });
}
db.close();
console.log(
  JSON.stringify({ runs, rssBeforeBytes: rssBefore, peakRssBytes: process.resourceUsage().maxRSS * 1024 }),
);
