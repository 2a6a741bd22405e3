import { startEmulatedWorld, type EmulatedWorld } from '../../emulated-world';
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
 * A small healthy world for one catalog case: the healthy configuration, no objects yet, and a
 * manual clock starting at a fixed instant (each read moves it by a second, as real cycles take time).
 */
export async function startCatalogWorld(start = Date.UTC(2026, 10, 2, 9, 0, 0)): Promise<CatalogWorld> {
  let time = start;
  const now = () => (time += 1000);
  const world = await startEmulatedWorld({
    now,
    intervalMs: catalogIntervalMs,
    quarantine: { ...catalogQuarantine, unauthorizedCycles: 3 },
  });
  useHealthyConfiguration(world);
  return { ...world, now: () => time, advance: (ms) => void (time += ms) };
}
