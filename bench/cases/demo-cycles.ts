import { startEmulatedWorld } from '../../electron/emulators/emulated-world';
import { demoActivity, seedDemo } from '../../electron/emulators/scenarios/demo-scenario';
import { collectGarbage, median, type BenchCase } from '../harness';

const durationMs = Number(process.env.SCIMWATCH_BENCH_DEMO_MS ?? 5 * 60_000);
const intervalMs = 200;

/** The demo world for five minutes, a cycle every 200 ms with ongoing activity: cycle time and memory. */
export const demoCyclesCase: BenchCase = {
  name: 'engine.demo-cycles',
  description: `The demo world (250 users, 20 groups) for ${Math.round(durationMs / 1000)} s, a provisioning cycle with activity every ${intervalMs} ms`,
  async run() {
    const world = await startEmulatedWorld({ quarantine: { baseEscrowThreshold: 50 } });
    try {
      seedDemo(world);
      const activity = demoActivity(world, 7);
      const started = Date.now();
      const durations: number[] = [];
      let heapAfterWarmup = 0;
      let rssAfterWarmup = 0;
      for (let cycle = 1; Date.now() - started < durationMs; cycle++) {
        await new Promise((r) => setTimeout(r, Math.max(0, started + (cycle - 1) * intervalMs - Date.now())));
        if (cycle > 1) activity();
        const begun = performance.now();
        await world.engine.runCycle();
        durations.push(performance.now() - begun);
        if (cycle === 50) {
          collectGarbage();
          ({ heapUsed: heapAfterWarmup, rss: rssAfterWarmup } = process.memoryUsage());
        }
      }
      collectGarbage();
      const end = process.memoryUsage();
      const megabytes = (bytes: number) => Number((bytes / 1024 / 1024).toFixed(1));
      const sorted = [...durations.slice(1)].sort((a, b) => a - b);
      return {
        status: 'ok',
        figures: [
          { name: 'first (full) cycle', value: Math.round(durations[0] ?? 0), unit: 'ms' },
          {
            name: 'incremental cycle, median',
            value: Number(median(sorted).toFixed(1)),
            unit: 'ms',
            target: { better: 'lower', value: intervalMs },
          },
          {
            name: 'incremental cycle, p95',
            value: Number((sorted[Math.floor(sorted.length * 0.95)] ?? 0).toFixed(1)),
            unit: 'ms',
            target: { better: 'lower', value: intervalMs },
          },
          {
            name: 'JS heap growth after cycle 50',
            value: megabytes(end.heapUsed - heapAfterWarmup),
            unit: 'MB',
            target: { better: 'lower', value: 20 },
          },
          { name: 'RSS growth after cycle 50', value: megabytes(end.rss - rssAfterWarmup), unit: 'MB' },
          { name: 'cycles run', value: durations.length, unit: '' },
          { name: 'provisioning log entries', value: world.graph.tenant.log.size, unit: '' },
        ],
        notes: [
          'engine and both emulators in one process, HTTPS on loopback',
          'memory is read after a forced GC (the bench runs with --expose-gc); the log itself grows with every entry, which is why the heap grows a little',
        ],
      };
    } finally {
      await world.close();
    }
  },
};
