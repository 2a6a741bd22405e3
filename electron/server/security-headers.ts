import type { ServerResponse } from 'node:http';

import { contentSecurityPolicy } from '../../shared/csp';

/** Headers on every response, errors included. */
export function applySecurityHeaders(response: ServerResponse, tls: boolean): void {
  response.setHeader('Content-Security-Policy', contentSecurityPolicy);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('X-Frame-Options', 'DENY');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  response.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), usb=()');
  if (tls) response.setHeader('Strict-Transport-Security', 'max-age=31536000');
}
