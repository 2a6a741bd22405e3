import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { startGraphWorld, type GraphWorld } from '../helpers/graph';
import { makeTempDir } from '../helpers/temp-dir';

/** Each injected fault, observed through the app's own Graph stack. */
describe('Graph faults', () => {
  const dir = makeTempDir();
  let world: GraphWorld;
  beforeAll(async () => {
    world = await startGraphWorld(dir.path);
  });
  beforeEach(() => world.emulator.faults.reset());
  afterAll(async () => {
    await world.emulator.close();
    dir.remove();
  });

  const jobs = () => world.graph().jobs(world.servicePrincipalId);

  /**
   * A fault that passes: on until the first one is injected, then off. A timer instead failed on a
   * loaded machine, when signing in outlasted it and the fault was gone before the first request.
   */
  function passing(setting: 'rate503' | 'rate504' | 'dropRate' | 'truncateRate'): void {
    const { faults } = world.emulator;
    const injected = () => Object.values(faults.injected).reduce((sum, n) => sum + n, 0);
    const before = injected();
    faults.update({ [setting]: 1 });
    const watch = setInterval(() => {
      if (injected() === before) return;
      faults.update({ [setting]: 0 });
      clearInterval(watch);
    }, 5);
  }

  it.each([503, 504] as const)('retries a passing %i and then succeeds', async (status) => {
    passing(`rate${status}`);
    await expect(jobs()).resolves.toHaveLength(1);
    expect(world.emulator.faults.injected[status]).toBeGreaterThanOrEqual(1);
  });

  it('gives up on persistent 429s with a throttling error, after honouring Retry-After', async () => {
    world.emulator.faults.update({ rate429: 1, retryAfterSeconds: 1 });
    const started = Date.now();
    await expect(jobs()).rejects.toMatchObject({
      code: 'source_error',
      message: expect.stringContaining('throttling'),
    });
    // Six retries, each after the 1 s Retry-After.
    expect(Date.now() - started).toBeGreaterThanOrEqual(6000);
    expect(world.emulator.faults.injected[429]).toBe(7);
  }, 20_000);

  it('adds latency', async () => {
    world.emulator.faults.update({ latencyMs: 300 });
    const started = Date.now();
    await jobs();
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });

  it.each(['dropRate', 'truncateRate'] as const)(
    'asks again after a passing %s (a cut connection or incomplete JSON) and then succeeds',
    async (fault) => {
      passing(fault);
      await expect(jobs()).resolves.toHaveLength(1);
      expect(
        world.emulator.faults.injected[fault === 'dropRate' ? 'drop' : 'truncate'],
      ).toBeGreaterThanOrEqual(1);
    },
  );

  it('reports a connection dropped mid-response clearly, after four attempts', async () => {
    world.emulator.faults.update({ dropRate: 1 });
    await expect(jobs()).rejects.toMatchObject({
      code: 'source_error',
      message: expect.stringContaining('cut off'),
    });
    // Four attempts of ours; undici may itself re-send a GET whose reused socket was reset.
    expect(world.emulator.faults.injected.drop).toBeGreaterThanOrEqual(4);
  });

  it('reports truncated JSON as a malformed response, after four attempts', async () => {
    world.emulator.faults.update({ truncateRate: 1 });
    await expect(jobs()).rejects.toMatchObject({
      code: 'source_error',
      message: expect.stringContaining('incomplete or malformed'),
    });
    expect(world.emulator.faults.injected.truncate).toBeGreaterThanOrEqual(4);
  });

  it('changes faults at run time through the control API', async () => {
    const response = await world.transport.fetch(`${world.emulator.origin}/_control/faults`, {
      method: 'PUT',
      headers: { 'x-emulator-control': world.emulator.controlKey, 'content-type': 'application/json' },
      body: JSON.stringify({ rate503: 1 }),
    });
    expect(await response.json()).toMatchObject({ rate503: 1 });
    const refused = await world.transport.fetch(`${world.emulator.origin}/_control/faults`, {
      method: 'PUT',
      body: '{}',
    });
    expect(refused.status).toBe(403);
    world.emulator.faults.reset();
  });
});
