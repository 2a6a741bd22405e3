import type { GraphEmulatorOptions } from '../../graph/graph-emulator';
import { startEmulatedWorld, type EmulatedWorld } from '../../emulated-world';
import { manualWorldClock, worldOffsetMs } from '../../world-clock';
import { useHealthyConfiguration } from '../world-steps';

/** What a catalog case is about: the Entra object, the Pulumi SCIM object, or both (or neither). */
export interface CatalogCase {
  entraId?: string;
  scimId?: string;
}

/** An emulated world whose clock only moves when a case moves it. */
export interface CatalogWorld extends EmulatedWorld {
  now(): number;
  advance(ms: number): void;
}

export type CatalogRecipe = (world: CatalogWorld) => Promise<CatalogCase>;

/** Entra's documented time between cycles, which the catalog keeps. */
export const catalogIntervalMs = 40 * 60_000;

/** Escrow thresholds scaled down so a dozen failures approach them (documented: 5,000 and 40,000). */
export const catalogQuarantine = { baseEscrowThreshold: 10, totalEscrowThreshold: 20, escrowProportion: 0.4 };

/**
 * A small healthy world for one catalog case: the healthy configuration, no objects yet, and a manual
 * clock starting `offsetMs` before the real now (by default the offset this run's worlds share; see
 * world-clock.ts). Each read moves it by a second, as real cycles take time.
 */
export async function startCatalogWorld(
  offsetMs = worldOffsetMs(),
  graph: GraphEmulatorOptions = {},
): Promise<CatalogWorld> {
  const clock = manualWorldClock(offsetMs);
  const world = await startEmulatedWorld({
    graph,
    now: clock.tick,
    intervalMs: catalogIntervalMs,
    quarantine: { ...catalogQuarantine, unauthorizedCycles: 3 },
  });
  useHealthyConfiguration(world);
  return { ...world, now: clock.current, advance: clock.advance };
}
