import { ScimWatchError } from '../../../shared/contract';

export type Fetch = (url: string, init?: RequestInit) => Promise<Response>;

/**
 * An HTTP client tied to one origin: credentials are attached only to requests for that origin, and
 * a nextLink pointing anywhere else is refused, so a hostile or buggy response cannot steer a token away.
 */
export class HostBoundClient {
  readonly origin: string;

  constructor(
    baseUrl: string,
    private readonly fetch: Fetch,
    private readonly authorization: (() => Promise<string> | string) | null,
  ) {
    this.origin = new URL(baseUrl).origin;
  }

  /**
   * Sends a request to a path or URL on the bound origin with the credential attached: the given
   * `authorization` (e.g. a token a Graph middleware fetched), else the client's own provider.
   */
  async request(pathOrUrl: string, init: RequestInit = {}, authorization?: string): Promise<Response> {
    const url = this.resolve(pathOrUrl);
    const headers = new Headers(init.headers);
    const credential = authorization ?? (this.authorization ? await this.authorization() : undefined);
    if (credential) headers.set('authorization', credential);
    return this.fetch(url, { ...init, headers, redirect: 'manual' });
  }

  /** Follows a server-provided link (e.g. @odata.nextLink) only when it stays on the bound origin. */
  follow(link: string, init: RequestInit = {}): Promise<Response> {
    return this.request(link, init);
  }

  private resolve(pathOrUrl: string): string {
    const url = new URL(pathOrUrl, `${this.origin}/`);
    if (url.origin !== this.origin) {
      throw new ScimWatchError(
        'source_error',
        `Refused to send credentials to ${url.origin}: this client only talks to ${this.origin}.`,
        'A server response pointed outside the configured host; check the configured URL and any proxy in between.',
      );
    }
    return url.toString();
  }
}
