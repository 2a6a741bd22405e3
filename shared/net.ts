/**
 * Host-agnostic facts about addresses, used by settings validation (renderer and core alike)
 * and by the transport policy. No Node built-ins here: this file also runs in the browser.
 */

/** True for names that can only reach this machine: 127.0.0.0/8, ::1 and localhost. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  const v4 = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return v4 !== null && v4.slice(1).every((part) => Number(part) <= 255);
}

/** Why a URL may not carry credentials, or null when it may: HTTPS anywhere, plain HTTP only to loopback. */
export function insecureUrlReason(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    // The value is not quoted back: a pasted token in the wrong field must not be echoed anywhere.
    return 'not a valid URL';
  }
  if (url.username || url.password) return 'URLs with embedded credentials are not accepted';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return null;
  if (url.protocol === 'http:') return `plain HTTP to ${url.hostname} would expose tokens; use https://`;
  return `the ${url.protocol} scheme is not supported; use https://`;
}
