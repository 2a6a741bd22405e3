import {
  ScimWatchError,
  type ReplyEnvelope,
  type FindingSeverity,
  type SyncRunResult,
} from '../../../shared/contract';
import { readEnvironment } from '../../core/config/environment';
import { resolveDataDir } from '../../core/config/data-dir';
import { CoreHost } from '../../core/core-host';
import { currentLockHolder, describeHolder, type LockHolder } from '../../core/profiles/profile-lock';
import { demoFolder, demoProfile, resolveActiveProfile } from '../../core/profiles/profile-registry';
import { assertSecureUrl } from '../../core/transport/transport-factory';

import { startBackgroundDemo } from '../../emulators/background-demo';
import { exitCodeFor } from '../fail-on';
import { print } from '../output';

/** Asks the server that holds the profile to run the sync, instead of polling beside it. */
async function delegate(holder: LockHolder & { url: string; accessToken: string }): Promise<SyncRunResult> {
  assertSecureUrl(holder.url);
  const response = await fetch(`${holder.url}/api/sync.run`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${holder.accessToken}` },
    body: '{}',
  });
  const body = (await response.json()) as
    { ok: true; result: SyncRunResult } | Extract<ReplyEnvelope, { ok: false }>;
  if (!body.ok) throw new ScimWatchError(body.error.code, body.error.message, body.error.hint);
  return body.result;
}

/** Demo cycles while a one-off sync runs; it reads the world once, so the pace hardly matters. */
const demoIntervalMs = 30_000;

function report(result: SyncRunResult, flags: SyncFlags): number {
  const { total, roots, byKind, bySeverity, unknownCauses } = result.run.counts.findings;
  if (flags.json)
    print(JSON.stringify({ ...result.summary, findings: { total, roots, byKind, unknownCauses } }));
  else {
    print(result.message);
    for (const error of result.summary.errors) if (error.hint) print(`  ${error.source}: ${error.hint}`);
    print(
      `Findings: ${total} open (${roots} root causes): ${bySeverity.error} errors, ${bySeverity.warning} warnings, ${bySeverity.info} info${unknownCauses ? `; ${unknownCauses} failure(s) of unknown cause` : ''}. See \`scimwatch findings\`.`,
    );
  }
  return exitCodeFor(result.run.counts, flags.failOn, result.summary.errors.length > 0);
}

interface SyncFlags {
  json: boolean;
  failOn?: FindingSeverity | undefined;
}

/** `scimwatch sync --once [--json]`: one poll of the active profile, here or by the server already polling it. */
export async function syncCommand(flags: SyncFlags): Promise<number> {
  const environment = readEnvironment(process.env);
  const dataDir = resolveDataDir(process.env);
  const profile = resolveActiveProfile(dataDir, environment).name;
  const holder = currentLockHolder(dataDir, profile);
  if (holder?.url && holder.accessToken) {
    if (!flags.json)
      print(`Profile "${profile}" is polled by the server at ${holder.url}; asking it to sync.`);
    return report(await delegate({ ...holder, url: holder.url, accessToken: holder.accessToken }), flags);
  }
  if (holder) {
    throw new ScimWatchError(
      'profile_locked',
      describeHolder(profile, holder),
      'Wait for it to finish, or stop it.',
    );
  }
  // No live profile: sync the demo world, started for this run (and a fresh demo database with it).
  const demo = profile === demoProfile ? await startBackgroundDemo(demoIntervalMs, demoFolder()) : null;
  try {
    const core = await CoreHost.start({
      hostKind: 'cli',
      lockAs: { command: 'scimwatch sync --once', url: null },
      oneShot: true,
      ...(demo ? { demoEnvironment: demo.environment, freshDemoDatabase: true } : {}),
    });
    try {
      if (demo && !flags.json)
        print('Demo mode: syncing an emulated Entra tenant and Pulumi org started for this run.');
      return report(await core.call('sync.run', {}), flags);
    } finally {
      await core.close();
    }
  } finally {
    await demo?.stop();
  }
}
