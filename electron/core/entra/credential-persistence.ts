import {
  deserializeAuthenticationRecord,
  serializeAuthenticationRecord,
  useIdentityPlugin,
  type AuthenticationRecord,
  type GetTokenOptions,
  type TokenCredential,
} from '@azure/identity';

import type { CredentialStateName } from '../secrets/secret-store';

/** Where a profile's signed-in state is kept: our secret store, never SQLite or MSAL's own files. */
export interface CredentialStateStore {
  load(name: CredentialStateName): Promise<string | undefined>;
  save(name: CredentialStateName, value: string): Promise<void>;
}

/** The part of MSAL's cache plugin contract we implement (msal-node's ICachePlugin). */
interface TokenCacheContext {
  cacheHasChanged: boolean;
  tokenCache: { serialize(): string; deserialize(cache: string): void };
}

/** The part of @azure/identity's plugin context we use (what its cache-persistence plugin uses). */
interface PluginContext {
  cachePluginControl: {
    setPersistence(
      factory: () => Promise<{
        beforeCacheAccess(context: TokenCacheContext): Promise<void>;
        afterCacheAccess(context: TokenCacheContext): Promise<void>;
      }>,
    ): void;
  };
}

/** One store per worker (one profile); the plugin is registered once per process, as @azure/identity requires. */
let activeStore: CredentialStateStore | null = null;
let registered = false;

/**
 * Routes MSAL's token cache for device-code and interactive sign-ins into `store`: read before each
 * cache access, written after any change. Credentials opt in with `tokenCachePersistenceOptions`.
 */
export function persistTokenCacheIn(store: CredentialStateStore): void {
  activeStore = store;
  if (registered) return;
  registered = true;
  useIdentityPlugin((context) => {
    (context as PluginContext).cachePluginControl.setPersistence(() =>
      Promise.resolve({
        beforeCacheAccess: async (cache: TokenCacheContext) => {
          const saved = await activeStore?.load('msalTokenCache');
          if (saved) cache.tokenCache.deserialize(saved);
        },
        afterCacheAccess: async (cache: TokenCacheContext) => {
          if (cache.cacheHasChanged) await activeStore?.save('msalTokenCache', cache.tokenCache.serialize());
        },
      }),
    );
  });
}

export async function loadAuthenticationRecord(
  store: CredentialStateStore,
): Promise<AuthenticationRecord | undefined> {
  const saved = await store.load('authenticationRecord');
  return saved ? deserializeAuthenticationRecord(saved) : undefined;
}

/** A credential that can sign a person in (device code, browser) and tell who it was. */
export interface SignInCredential extends TokenCredential {
  authenticate(
    scopes: string | string[],
    options?: GetTokenOptions,
  ): Promise<AuthenticationRecord | undefined>;
}

/**
 * The first token of a person's sign-in goes through `authenticate`, whose AuthenticationRecord is
 * saved; afterwards (and after a restart, with the record and the persisted cache) tokens come
 * silently until the refresh token expires.
 */
export function rememberSignIn(
  credential: SignInCredential,
  store: CredentialStateStore,
  alreadyKnown: boolean,
): TokenCredential {
  let known = alreadyKnown;
  return {
    getToken: async (scopes, options) => {
      if (!known) {
        const record = await credential.authenticate(scopes, options);
        if (record) await store.save('authenticationRecord', serializeAuthenticationRecord(record));
        known = true;
      }
      return credential.getToken(scopes, options);
    },
  };
}
