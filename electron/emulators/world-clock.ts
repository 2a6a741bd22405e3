/**
 * The one rule for every emulated world's clock (ARCHITECTURE.md, "World clocks"): a world starts relative
 * to the real now and never runs ahead of the app's now. The app under test reads the system clock and
 * reads provisioning logs only within its backfill window, so a world dated at a fixed instant goes stale
 * the day that instant leaves the window, and a world dated ahead writes entries the app has not reached.
 *
 * Live worlds (the demo, engine worlds without a clock of their own) simply share the app's clock. Worlds
 * on a manual clock (the catalog, recorded causes) start `worldOffsetMs()` before now, and their clock
 * refuses to pass the real now.
 */

const minuteMs = 60_000;
const dayMs = 24 * 60 * minuteMs;

/** Exact offset, in minutes, for every manual-clock world of this process (replays a run). */
export const worldOffsetVariable = 'SCIMWATCH_WORLD_OFFSET_MINUTES';
/** A seed `npm test` picks at random: the offset is drawn from it, within the bounds below. */
export const worldSeedVariable = 'SCIMWATCH_WORLD_SEED';

/**
 * How far a manual-clock world may move forward from its start: the longest catalog case runs six
 * cycles of 40 minutes, and every read ticks a second. So the latest a world may start is this long ago.
 */
export const worldHeadroomMs = 6 * 60 * minuteMs;
/** The oldest start: a day inside the default 30-day backfill, so a test run that takes hours still reads it. */
export const worldOldestStartMs = 29 * dayMs;

/** Picks an offset in [headroom, oldest] from a seed: the same seed, the same offset, on any day. */
export function offsetFromSeed(seed: number): number {
  // mulberry32, one step: a well-spread value from any 32-bit seed.
  let t = (seed + 0x6d2b79f5) >>> 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  const unit = ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  const spanMinutes = (worldOldestStartMs - worldHeadroomMs) / minuteMs;
  return worldHeadroomMs + Math.floor(unit * (spanMinutes + 1)) * minuteMs;
}

function integerVariable(environment: NodeJS.ProcessEnv, name: string): number | null {
  const value = environment[name]?.trim();
  if (!value) return null;
  if (!/^\d+$/.test(value)) throw new Error(`${name} must be a whole number, not "${value}".`);
  return Number(value);
}

/**
 * How long before the real now manual-clock worlds start: the exact offset if one is given, else the one
 * the seed draws, else the latest start the headroom allows (the most recent world).
 */
export function worldOffsetMs(environment: NodeJS.ProcessEnv = process.env): number {
  const minutes = integerVariable(environment, worldOffsetVariable);
  if (minutes !== null) {
    const offset = minutes * minuteMs;
    if (offset < worldHeadroomMs || offset > worldOldestStartMs)
      throw new Error(
        `${worldOffsetVariable} must be between ${worldHeadroomMs / minuteMs} and ${worldOldestStartMs / minuteMs} ` +
          `minutes (a world needs room to move forward, and must start inside the backfill window).`,
      );
    return offset;
  }
  const seed = integerVariable(environment, worldSeedVariable);
  return seed === null ? worldHeadroomMs : offsetFromSeed(seed);
}

/** Says an offset the way a person reads it: "12 d 4 h 33 min". */
export function describeOffset(offsetMs: number): string {
  if (offsetMs < minuteMs) return `${Math.round(offsetMs / 1000)} s`;
  const minutes = Math.round(offsetMs / minuteMs);
  const [d, h, m] = [Math.floor(minutes / 1440), Math.floor((minutes % 1440) / 60), minutes % 60];
  return [d ? `${d} d` : '', h ? `${h} h` : '', m || (!d && !h) ? `${m} min` : ''].filter(Boolean).join(' ');
}

/** A clock that moves only when told to, and ticks a second per reading (real cycles take time). */
export interface ManualWorldClock {
  /** Reads the time, one second later than the last reading. */
  tick: () => number;
  /** The time, without moving it. */
  current: () => number;
  advance: (ms: number) => void;
}

/**
 * A manual world clock starting `offsetMs` before the real now. Passing the real now throws: the world
 * would write log entries dated after the app's now, which no real tenant does.
 */
export function manualWorldClock(
  offsetMs = worldOffsetMs(),
  realNow: () => number = Date.now,
): ManualWorldClock {
  // On a whole second, as the instants Entra quotes in its texts are.
  let time = Math.floor((realNow() - offsetMs) / 1000) * 1000;
  const guard = () => {
    const ahead = time - realNow();
    if (ahead > 0)
      throw new Error(
        `The world's clock ran ${describeOffset(ahead)} ahead of the app's now (it started ` +
          `${describeOffset(offsetMs)} before it). A world may move forward ${describeOffset(worldHeadroomMs)} at most.`,
      );
    return time;
  };
  return {
    tick: () => {
      time += 1000;
      return guard();
    },
    current: () => time,
    advance: (ms) => {
      time += ms;
      guard();
    },
  };
}
