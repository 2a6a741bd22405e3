import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh random token for this server run (printed with the URL, like Jupyter's). */
export function generateAccessToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Compares in constant time; hashing first makes the lengths equal so nothing leaks through them. */
export function tokensMatch(expected: string, candidate: string | undefined): boolean {
  if (!candidate) return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(candidate).digest();
  return timingSafeEqual(a, b);
}

/** The cookie name includes the port, so two servers on one host never overwrite each other's cookie. */
export function cookieName(port: number): string {
  return `scimwatch-token-${port}`;
}

/** Reads one cookie from a Cookie header without a dependency. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}
