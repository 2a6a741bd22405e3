import { startEmulatedWorld, type EmulatedWorld, type WorldOptions } from './emulated-world';
import { connectScimWatch } from './scimwatch-connection';
import { demoActivity, demoDefaults, seedDemo, type DemoPlan } from './scenarios/demo-scenario';

export interface RunningDemo {
  world: EmulatedWorld;
  plan: DemoPlan;
  /** SCIMWATCH_* variables that point any ScimWatch at this demo (CA file path left to the caller). */
  environment: Record<string, string>;
  /** Both emulators' CAs, to write to SCIMWATCH_CA_FILE. */
  caPem: string;
  cycles: () => number;
  /** Runs the next cycle now (with its activity), after any cycle in progress. */
  cycle(): Promise<void>;
  stop(): Promise<void>;
}

export interface DemoOptions {
  intervalMs: number;
  /** Emulator options (tests shrink the reports budget window). */
  graph?: WorldOptions['graph'];
  seed?: number;
  /** Called after each cycle (progress output, tests). */
  onCycle?: (cycle: number) => void;
}

/**
 * The demo world, running: the seeded tenant, ScimWatch's app registration with fresh credentials
 * (generated per run), and a provisioning cycle with some activity every `intervalMs`.
 */
export async function startDemo(options: DemoOptions): Promise<RunningDemo> {
  const world = await startEmulatedWorld({
    intervalMs: options.intervalMs,
    ...(options.graph ? { graph: options.graph } : {}),
    quarantine: { baseEscrowThreshold: 50 },
  });
  const plan = seedDemo(world, { ...demoDefaults, seed: options.seed ?? demoDefaults.seed });
  const connection = connectScimWatch(world, 'ScimWatch (demo)');

  const activity = demoActivity(world, (options.seed ?? demoDefaults.seed) + 1);
  let cycles = 0;
  let running = true;
  let current: Promise<unknown> = Promise.resolve();
  const tick = async () => {
    if (cycles > 0) activity();
    await world.engine.runCycle();
    cycles += 1;
    options.onCycle?.(cycles);
  };
  // The first cycle completes before the demo counts as started: whoever polls it finds a log.
  current = tick();
  await current;
  const timer = setInterval(() => {
    // Cycles never overlap: a slow one delays the next instead of running beside it.
    current = current.then(() => (running ? tick() : undefined));
  }, options.intervalMs);

  return {
    world,
    plan,
    caPem: connection.caPem,
    environment: connection.environment,
    cycles: () => cycles,
    cycle: () => {
      current = current.then(tick);
      return current as Promise<void>;
    },
    stop: async () => {
      running = false;
      clearInterval(timer);
      await current.catch(() => undefined);
      await world.close();
    },
  };
}
