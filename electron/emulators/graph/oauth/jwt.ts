import { constants, createHmac, createPublicKey, timingSafeEqual, verify } from 'node:crypto';

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Signs claims as an HS256 JWT with the emulator's own key (clients treat access tokens as opaque). */
export function signHs256(claims: Record<string, unknown>, key: Buffer): string {
  const body = `${encode({ typ: 'JWT', alg: 'HS256' })}.${encode(claims)}`;
  return `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`;
}

export function verifyHs256(token: string, key: Buffer): Record<string, unknown> | null {
  const [header, payload, signature] = token.split('.');
  if (!header || !payload || !signature) return null;
  const expected = createHmac('sha256', key).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return decodePart(payload);
}

export function decodePart(part: string): Record<string, unknown> | null {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/**
 * Verifies a client assertion (RFC 7523) against a registered certificate: RS256 or PS256 signature,
 * as MSAL signs with the certificate's private key. Returns the claims, or the reason it is refused.
 */
export function verifyClientAssertion(
  assertion: string,
  certificates: readonly string[],
): { claims: Record<string, unknown> } | { error: string } {
  const [header, payload, signature] = assertion.split('.');
  const head = header ? decodePart(header) : null;
  const claims = payload ? decodePart(payload) : null;
  if (!head || !claims || !signature) return { error: 'The client assertion is not a JWT.' };
  const algorithm = head.alg;
  if (algorithm !== 'RS256' && algorithm !== 'PS256')
    return { error: `Unsupported assertion algorithm ${String(algorithm)}.` };
  const data = Buffer.from(`${header}.${payload}`);
  const sig = Buffer.from(signature, 'base64url');
  const valid = certificates.some((pem) => {
    const key = createPublicKey(pem);
    return algorithm === 'RS256'
      ? verify('sha256', data, key, sig)
      : verify('sha256', data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, sig);
  });
  return valid
    ? { claims }
    : { error: 'The client assertion signature does not match a registered certificate.' };
}
