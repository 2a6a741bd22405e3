import {
  ScimWatchError,
  type InputOf,
  type MethodName,
  type OutputOf,
  type ReplyEnvelope,
} from '../../shared/contract';
import { resolveDataDir } from '../core/config/data-dir';
import { readEnvironment } from '../core/config/environment';
import { CoreHost } from '../core/core-host';
import { currentLockHolder, describeHolder } from '../core/profiles/profile-lock';
import { demoFolder, demoProfile, resolveActiveProfile } from '../core/profiles/profile-registry';
import { assertSecureUrl } from '../core/transport/transport-factory';
import { startBackgroundDemo } from '../emulators/background-demo';

/** The contract as a command sees it: here in a core of its own, or through the server that polls the profile. */
export interface ProfileCaller {
  profile: string;
  /** The server's URL when the profile is polled by `scimwatch serve`; null when the core runs here. */
  server: string | null;
  demo: boolean;
  call<M extends MethodName>(method: M, input: InputOf<M>): Promise<OutputOf<M>>;
}

/** Demo cycles while a one-off command runs; it reads the world once or twice, so the pace hardly matters. */
const demoIntervalMs = 30_000;

/**
 * Runs a command that writes against the active profile: through the server that holds its lock
 * (polling beside it would fight over the database), or in a one-shot core of its own, with the
 * demo world started for the run when the profile is the demo.
 */
export async function withProfileCore<T>(
  command: string,
  run: (caller: ProfileCaller) => Promise<T>,
): Promise<T> {
  const environment = readEnvironment(process.env);
  const dataDir = resolveDataDir(process.env);
  const profile = resolveActiveProfile(dataDir, environment).name;
  const holder = currentLockHolder(dataDir, profile);
  if (holder?.url && holder.accessToken) {
    const { url, accessToken } = holder;
    assertSecureUrl(url);
    return run({
      profile,
      server: url,
      demo: false,
      call: (method, input) => callServer(url, accessToken, method, input),
    });
  }
  if (holder)
    throw new ScimWatchError(
      'profile_locked',
      describeHolder(profile, holder),
      'Wait for it to finish, or stop it.',
    );
  const demo = profile === demoProfile ? await startBackgroundDemo(demoIntervalMs, demoFolder()) : null;
  try {
    const core = await CoreHost.start({
      hostKind: 'cli',
      lockAs: { command, url: null },
      oneShot: true,
      ...(demo ? { demoEnvironment: demo.environment, freshDemoDatabase: true } : {}),
    });
    try {
      return await run({
        profile,
        server: null,
        demo: demo !== null,
        call: (method, input) => core.call(method, input),
      });
    } finally {
      await core.close();
    }
  } finally {
    await demo?.stop();
  }
}

async function callServer<M extends MethodName>(
  url: string,
  accessToken: string,
  method: M,
  input: InputOf<M>,
): Promise<OutputOf<M>> {
  const response = await fetch(`${url}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
    body: JSON.stringify(input ?? {}),
  });
  const body = (await response.json()) as
    { ok: true; result: OutputOf<M> } | Extract<ReplyEnvelope, { ok: false }>;
  if (!body.ok) throw new ScimWatchError(body.error.code, body.error.message, body.error.hint);
  return body.result;
}
