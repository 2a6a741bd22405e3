import type { IncomingMessage } from 'node:http';

import { isLoopbackHost } from '../../shared/net';

export interface Origins {
  /** Host header values this server answers to, e.g. "127.0.0.1:4173" and "localhost:4173". */
  hosts: Set<string>;
  scheme: 'http' | 'https';
}

/** The Host values a server bound to `bind:port` answers to; loopback binds accept every loopback name. */
export function allowedOrigins(bind: string, port: number, scheme: Origins['scheme']): Origins {
  const names = isLoopbackHost(bind)
    ? ['127.0.0.1', 'localhost', '[::1]']
    : [bind.includes(':') ? `[${bind}]` : bind];
  return { hosts: new Set(names.map((n) => `${n}:${port}`.toLowerCase())), scheme };
}

/**
 * Why a request must be refused before authentication, or null. An unexpected Host header means DNS
 * rebinding (a hostile page whose name now resolves to 127.0.0.1); a foreign Origin or a cross-site
 * fetch means another site is driving the user's browser.
 */
export function refusalReason(request: IncomingMessage, origins: Origins): string | null {
  const host = (request.headers.host ?? '').toLowerCase();
  if (!origins.hosts.has(host)) return 'unexpected Host header';
  const origin = request.headers.origin;
  if (origin !== undefined && origin.toLowerCase() !== `${origins.scheme}://${host}`)
    return 'cross-origin request';
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return 'cross-site request';
  return null;
}
