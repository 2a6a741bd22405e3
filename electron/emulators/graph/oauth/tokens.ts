import { randomBytes } from 'node:crypto';

import { signHs256, verifyHs256 } from './jwt';

export interface AccessGrant {
  appId: string;
  kind: 'application' | 'delegated';
  permissions: string[];
  userId: string | null;
}

export type TokenCheck =
  { ok: true; grant: AccessGrant } | { ok: false; reason: 'missing' | 'invalid' | 'expired' | 'revoked' };

/**
 * Issues and checks the emulator's access tokens. Tokens carry `roles` (application) or `scp`
 * (delegated) like Entra's; revocation and a clock offset let tests produce 401s on demand.
 */
export class TokenService {
  private readonly key = randomBytes(32);
  /** Tokens carry the generation they were issued in; revocation starts a new one. */
  private generation = 1;
  private readonly refreshTokens = new Map<string, AccessGrant>();
  /** Added to the emulator's notion of "now" (the clock-offset fault). */
  clockOffsetMs = 0;
  lifetimeSeconds = 3600;

  constructor(
    private readonly issuer: () => string,
    private readonly tenantId: string,
  ) {}

  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  issue(
    grant: AccessGrant,
    audience: string,
  ): { accessToken: string; expiresIn: number; refreshToken: string | null } {
    const issuedAt = Math.floor(this.now() / 1000);
    const claims: Record<string, unknown> = {
      aud: audience,
      iss: this.issuer(),
      tid: this.tenantId,
      appid: grant.appId,
      iat: issuedAt,
      nbf: issuedAt,
      exp: issuedAt + this.lifetimeSeconds,
      jti: randomBytes(8).toString('hex'),
      gen: this.generation,
      ...(grant.kind === 'application'
        ? { roles: grant.permissions }
        : { scp: grant.permissions.join(' '), oid: grant.userId }),
    };
    let refreshToken: string | null = null;
    if (grant.kind === 'delegated') {
      refreshToken = randomBytes(24).toString('base64url');
      this.refreshTokens.set(refreshToken, grant);
    }
    return { accessToken: signHs256(claims, this.key), expiresIn: this.lifetimeSeconds, refreshToken };
  }

  redeemRefreshToken(token: string): AccessGrant | undefined {
    return this.refreshTokens.get(token);
  }

  check(authorization: string | undefined): TokenCheck {
    if (!authorization?.startsWith('Bearer ')) return { ok: false, reason: 'missing' };
    const claims = verifyHs256(authorization.slice(7), this.key);
    if (!claims) return { ok: false, reason: 'invalid' };
    if (claims.gen !== this.generation) return { ok: false, reason: 'revoked' };
    if (Number(claims.exp) * 1000 <= this.now()) return { ok: false, reason: 'expired' };
    const roles = claims.roles as string[] | undefined;
    return {
      ok: true,
      grant: {
        appId: String(claims.appid),
        kind: roles ? 'application' : 'delegated',
        permissions: roles ?? (typeof claims.scp === 'string' ? claims.scp : '').split(' ').filter(Boolean),
        userId: (claims.oid as string | undefined) ?? null,
      },
    };
  }

  /** Every token issued until now stops working (as after a credential reset or admin revocation). */
  revokeAll(): void {
    this.generation += 1;
    this.refreshTokens.clear();
  }
}
