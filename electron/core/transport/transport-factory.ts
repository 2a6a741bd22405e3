import { Agent, EnvHttpProxyAgent, fetch as undiciFetch, type Dispatcher } from 'undici';

import { insecureUrlReason } from '../../../shared/net';
import { ScimWatchError } from '../../../shared/contract';
import { caBundle, readCaFile } from './ca-bundle';
import { HostBoundClient, type Fetch } from './host-bound-client';
import { isTransientStatus, RequestStats } from './request-stats';

export interface TransportOptions {
  /** SCIMWATCH_CA_FILE: extra CAs trusted for every connection. */
  caFile?: string | undefined;
  /** Proxy variables (HTTPS_PROXY, HTTP_PROXY, NO_PROXY); usually process.env. */
  env?: NodeJS.ProcessEnv;
  /** Counts every request sent through this factory (the collectors' pass summary reads it). */
  stats?: RequestStats;
}

/** Options for @azure/identity credentials: the same trust as every other client. */
export interface IdentityTransportOptions {
  tlsOptions: { ca: string[] };
}

function proxyVariable(env: NodeJS.ProcessEnv, name: string): string | undefined {
  return env[name] ?? env[name.toLowerCase()] ?? undefined;
}

/**
 * The one place that builds outgoing HTTP clients. Trust = system roots + SCIMWATCH_CA_FILE + CAs
 * handed in at run time (an emulator's CA is generated inside this process, after start-up, so
 * NODE_EXTRA_CA_CERTS cannot carry it). HTTPS only, except to loopback.
 */
export class TransportFactory {
  private readonly extraCas: string[] = [];
  private dispatcherCache: Dispatcher | undefined;
  private readonly env: NodeJS.ProcessEnv;
  readonly stats: RequestStats;

  constructor(options: TransportOptions = {}) {
    this.env = options.env ?? process.env;
    this.stats = options.stats ?? new RequestStats();
    if (options.caFile) this.extraCas.push(readCaFile(options.caFile));
  }

  /** Trusts one more CA from now on (clients built afterwards use it). */
  addCa(pem: string): void {
    this.extraCas.push(pem);
    void this.dispatcherCache?.close();
    this.dispatcherCache = undefined;
  }

  /** The undici dispatcher: proxy from the environment when set, the CA bundle either way. */
  dispatcher(): Dispatcher {
    if (!this.dispatcherCache) {
      const ca = caBundle(this.extraCas);
      const httpsProxy = proxyVariable(this.env, 'HTTPS_PROXY');
      const httpProxy = proxyVariable(this.env, 'HTTP_PROXY');
      this.dispatcherCache =
        httpsProxy || httpProxy
          ? new EnvHttpProxyAgent({
              ...(httpsProxy ? { httpsProxy } : {}),
              ...(httpProxy ? { httpProxy } : {}),
              noProxy: proxyVariable(this.env, 'NO_PROXY') ?? '',
              connect: { ca },
              requestTls: { ca },
            })
          : new Agent({ connect: { ca } });
    }
    return this.dispatcherCache;
  }

  /**
   * fetch over undici's own implementation with our dispatcher (never the global fetch with a
   * foreign dispatcher, whose undici version may differ). Refuses insecure URLs before connecting.
   */
  readonly fetch: Fetch = async (url, init) => {
    assertSecureUrl(url);
    const { stats } = this;
    stats.sent += 1;
    // The Graph client's RetryHandler marks its re-sends; Pulumi's readers count their own.
    if (new Headers(init?.headers).has('retry-attempt')) stats.retried += 1;
    try {
      const response = await undiciFetch(url, {
        ...(init as Parameters<typeof undiciFetch>[1]),
        dispatcher: this.dispatcher(),
      });
      if (isTransientStatus(response.status)) stats.failed += 1;
      return response;
    } catch (error) {
      stats.failed += 1;
      throw error;
    }
  };

  /** A client that attaches `authorization` only to requests for `baseUrl`'s origin. */
  boundClient(baseUrl: string, authorization: (() => Promise<string> | string) | null): HostBoundClient {
    assertSecureUrl(baseUrl);
    return new HostBoundClient(baseUrl, this.fetch, authorization);
  }

  /** Client options for @azure/identity credentials, so MSAL trusts what everything else trusts. */
  identityOptions(): IdentityTransportOptions {
    return { tlsOptions: { ca: caBundle(this.extraCas) } };
  }

  async close(): Promise<void> {
    await this.dispatcherCache?.close();
    this.dispatcherCache = undefined;
  }
}

/** Throws when a URL would carry credentials insecurely (plain HTTP off loopback, odd schemes). */
export function assertSecureUrl(url: string): void {
  const reason = insecureUrlReason(url);
  if (reason) {
    throw new ScimWatchError(
      'source_error',
      `Refused to connect: ${reason}.`,
      'Use an https:// URL for this source.',
    );
  }
}
