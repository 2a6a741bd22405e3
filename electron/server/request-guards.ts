import type { IncomingMessage } from 'node:http';
import { hostname, networkInterfaces } from 'node:os';

import { isLoopbackHost } from '../../shared/net';

export interface Origins {
  /** Host header values this server answers to, e.g. "127.0.0.1:4173" and "localhost:4173". */
  hosts: Set<string>;
  scheme: 'http' | 'https';
}

const bracketed = (address: string) => (address.includes(':') ? `[${address}]` : address);

/** The names a wildcard bind (0.0.0.0, ::) is reached by: this machine's name and its addresses. */
function machineNames(): string[] {
  const addresses = Object.values(networkInterfaces())
    .flat()
    .filter((i) => i !== undefined)
    .map((i) => i.address);
  return [hostname(), ...addresses];
}

/**
 * The Host values a server bound to `bind:port` answers to. Loopback binds accept every loopback
 * name; wildcard binds accept this machine's names; `publicHost` adds the name a proxy or DNS uses.
 */
export function allowedOrigins(
  bind: string,
  port: number,
  scheme: Origins['scheme'],
  publicHost?: string,
): Origins {
  const loopback = ['127.0.0.1', 'localhost', '::1'];
  const wildcard = bind === '0.0.0.0' || bind === '::';
  const names = isLoopbackHost(bind) ? loopback : wildcard ? [...loopback, ...machineNames()] : [bind];
  if (publicHost) names.push(publicHost);
  return { hosts: new Set(names.map((n) => `${bracketed(n)}:${port}`.toLowerCase())), scheme };
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
