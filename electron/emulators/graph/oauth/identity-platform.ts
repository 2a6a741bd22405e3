import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';

import { sendJson, type EmulatorRequest, type Router } from '../../http-kit';
import { sendOAuthError } from '../graph-errors';
import type { EmulatedTenant } from '../tenant';
import type { EmulatedClientApp } from '../tenant-types';
import { signHs256, verifyClientAssertion } from './jwt';
import { openIdConfiguration } from './openid-configuration';
import type { AccessGrant, TokenService } from './tokens';

interface PendingDeviceCode {
  deviceCode: string;
  userCode: string;
  clientId: string;
  expiresAt: number;
  approvedUserId: string | null;
}

interface PendingAuthCode {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  nonce: string | null;
  userId: string;
}

export interface IdentityPlatformOptions {
  /** Seconds MSAL waits between device-code polls (Entra says 5; tests use 1). */
  deviceCodeInterval: number;
}

/**
 * The slice of the Microsoft identity platform MSAL talks to: OpenID metadata, the token endpoint
 * (client secret, client certificate, device code, authorization code with PKCE, refresh token),
 * the device-code endpoint and /authorize, which signs the configured user in and redirects back.
 */
export class IdentityPlatform {
  private readonly deviceCodes = new Map<string, PendingDeviceCode>();
  private readonly authCodes = new Map<string, PendingAuthCode>();
  private readonly idTokenKey = randomBytes(32);
  /** Who /authorize and device-code approval sign in as, unless told otherwise. */
  signInUserId: string | null = null;

  constructor(
    private readonly tenant: EmulatedTenant,
    private readonly tokens: TokenService,
    private readonly origin: () => string,
    private readonly options: IdentityPlatformOptions,
  ) {}

  register(router: Router): void {
    router
      .on('GET', '/:tenant/v2.0/.well-known/openid-configuration', (req, res) =>
        this.openIdConfiguration(req, res),
      )
      .on('GET', '/:tenant/.well-known/openid-configuration', (req, res) =>
        this.openIdConfiguration(req, res),
      )
      .on('GET', '/:tenant/discovery/v2.0/keys', (_req, res) => sendJson(res, 200, { keys: [] }))
      .on('POST', '/:tenant/oauth2/v2.0/token', (req, res) => this.token(req, res))
      .on('POST', '/:tenant/oauth2/v2.0/devicecode', (req, res) => this.deviceCode(req, res))
      .on('GET', '/:tenant/oauth2/v2.0/authorize', (req, res) => this.authorize(req, res));
  }

  /** Control: the person at the browser enters the code and signs in. */
  approveDeviceCode(userCode: string, userId?: string): boolean {
    const pending = [...this.deviceCodes.values()].find((d) => d.userCode === userCode);
    if (!pending) return false;
    pending.approvedUserId = userId ?? this.defaultUserId();
    return true;
  }

  private authority(tenant: string): string {
    return `${this.origin()}/${tenant}`;
  }

  private openIdConfiguration(req: EmulatorRequest, res: ServerResponse): void {
    const tenant = req.params.tenant ?? '';
    if (!this.knownTenant(tenant))
      return sendOAuthError(res, 400, 'invalid_tenant', `AADSTS90002: Tenant '${tenant}' not found.`);
    const base = this.authority(this.tenant.tenantId);
    sendJson(res, 200, openIdConfiguration(base));
  }

  private knownTenant(tenant: string): boolean {
    return tenant === this.tenant.tenantId || tenant === 'organizations' || tenant === 'common';
  }

  private defaultUserId(): string {
    const id = this.signInUserId ?? [...this.tenant.users.keys()][0];
    if (!id) throw new Error('The emulated tenant has no user to sign in');
    return id;
  }

  private client(res: ServerResponse, clientId: string | null): EmulatedClientApp | null {
    const client = clientId ? this.tenant.clients.get(clientId) : undefined;
    if (!client) {
      sendOAuthError(
        res,
        400,
        'unauthorized_client',
        `AADSTS700016: Application with identifier '${clientId}' was not found in the directory.`,
      );
      return null;
    }
    return client;
  }

  private token(req: EmulatorRequest, res: ServerResponse): void {
    const form = new URLSearchParams(req.body);
    if (!this.knownTenant(req.params.tenant ?? ''))
      return sendOAuthError(res, 400, 'invalid_tenant', 'AADSTS90002: Tenant not found.');
    const client = this.client(res, form.get('client_id'));
    if (!client) return;
    const scope = form.get('scope') ?? '';
    switch (form.get('grant_type')) {
      case 'client_credentials':
        return this.clientCredentials(req, res, form, client, scope);
      case 'urn:ietf:params:oauth:grant-type:device_code':
      case 'device_code':
        return this.redeemDeviceCode(res, form, client, scope);
      case 'authorization_code':
        return this.redeemAuthCode(res, form, client, scope);
      case 'refresh_token': {
        const grant = this.tokens.redeemRefreshToken(form.get('refresh_token') ?? '');
        if (!grant)
          return sendOAuthError(
            res,
            400,
            'invalid_grant',
            'AADSTS70000: The refresh token has expired or was revoked.',
          );
        return this.sendUserTokens(res, grant, client, scope, null);
      }
      default:
        return sendOAuthError(
          res,
          400,
          'unsupported_grant_type',
          'AADSTS70003: The grant type is not supported.',
        );
    }
  }

  private clientCredentials(
    req: EmulatorRequest,
    res: ServerResponse,
    form: URLSearchParams,
    client: EmulatedClientApp,
    scope: string,
  ): void {
    if (!scope.endsWith('/.default')) {
      return sendOAuthError(
        res,
        400,
        'invalid_scope',
        'AADSTS1002012: The provided value for scope is not valid. Client credential flows must have a scope value with /.default suffixed.',
      );
    }
    const assertion = form.get('client_assertion');
    if (assertion) {
      const checked = verifyClientAssertion(assertion, client.certificates);
      if ('error' in checked)
        return sendOAuthError(res, 401, 'invalid_client', `AADSTS700027: ${checked.error}`);
      const audience = `${this.authority(this.tenant.tenantId)}/oauth2/v2.0/token`;
      const { aud, iss, sub, exp } = checked.claims;
      if (aud !== audience && aud !== `${this.authority(req.params.tenant ?? '')}/oauth2/v2.0/token`) {
        return sendOAuthError(
          res,
          401,
          'invalid_client',
          `AADSTS700212: The client assertion audience "${String(aud)}" is not the token endpoint.`,
        );
      }
      if (iss !== client.appId || sub !== client.appId)
        return sendOAuthError(
          res,
          401,
          'invalid_client',
          'AADSTS700023: Assertion issuer and subject must be the client id.',
        );
      if (Number(exp) * 1000 < this.tokens.now())
        return sendOAuthError(res, 401, 'invalid_client', 'AADSTS700024: The client assertion has expired.');
    } else if (!client.secrets.includes(form.get('client_secret') ?? '')) {
      return sendOAuthError(
        res,
        401,
        'invalid_client',
        `AADSTS7000215: Invalid client secret provided for app '${client.appId}'.`,
      );
    }
    const grant: AccessGrant = {
      appId: client.appId,
      kind: 'application',
      permissions: client.applicationPermissions,
      userId: null,
    };
    const issued = this.tokens.issue(grant, scope.replace(/\/\.default$/, ''));
    sendJson(res, 200, {
      token_type: 'Bearer',
      expires_in: issued.expiresIn,
      ext_expires_in: issued.expiresIn,
      access_token: issued.accessToken,
    });
  }

  private deviceCode(req: EmulatorRequest, res: ServerResponse): void {
    const form = new URLSearchParams(req.body);
    const client = this.client(res, form.get('client_id'));
    if (!client) return;
    const userCode = randomBytes(5).toString('hex').toUpperCase().slice(0, 9);
    const pending: PendingDeviceCode = {
      deviceCode: randomBytes(24).toString('base64url'),
      userCode,
      clientId: client.appId,
      expiresAt: this.tokens.now() + 900_000,
      approvedUserId: null,
    };
    this.deviceCodes.set(pending.deviceCode, pending);
    const verificationUri = `${this.origin()}/devicelogin`;
    sendJson(res, 200, {
      user_code: userCode,
      device_code: pending.deviceCode,
      verification_uri: verificationUri,
      expires_in: 900,
      interval: this.options.deviceCodeInterval,
      message: `To sign in, use a web browser to open the page ${verificationUri} and enter the code ${userCode} to authenticate.`,
    });
  }

  private redeemDeviceCode(
    res: ServerResponse,
    form: URLSearchParams,
    client: EmulatedClientApp,
    scope: string,
  ): void {
    const pending = this.deviceCodes.get(form.get('device_code') ?? '');
    if (!pending || pending.clientId !== client.appId)
      return sendOAuthError(res, 400, 'invalid_grant', 'AADSTS70000: Unknown device code.');
    if (pending.expiresAt < this.tokens.now())
      return sendOAuthError(res, 400, 'expired_token', 'AADSTS70020: The device code has expired.');
    if (!pending.approvedUserId)
      return sendOAuthError(
        res,
        400,
        'authorization_pending',
        'AADSTS70016: Waiting for the user to sign in.',
      );
    this.deviceCodes.delete(pending.deviceCode);
    const grant: AccessGrant = {
      appId: client.appId,
      kind: 'delegated',
      permissions: client.delegatedPermissions,
      userId: pending.approvedUserId,
    };
    this.sendUserTokens(res, grant, client, scope, null);
  }

  private authorize(req: EmulatorRequest, res: ServerResponse): void {
    const q = req.url.searchParams;
    const clientId = q.get('client_id');
    const client = clientId ? this.tenant.clients.get(clientId) : undefined;
    const redirectUri = q.get('redirect_uri') ?? '';
    if (!client)
      return sendOAuthError(res, 400, 'unauthorized_client', 'AADSTS700016: Application not found.');
    const loopback = /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?\//.test(
      redirectUri.endsWith('/') ? redirectUri : `${redirectUri}/`,
    );
    if (!loopback && !client.redirectUris.includes(redirectUri)) {
      return sendOAuthError(
        res,
        400,
        'invalid_request',
        'AADSTS50011: The redirect URI does not match the ones configured for the application.',
      );
    }
    if (q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge')) {
      return sendOAuthError(
        res,
        400,
        'invalid_request',
        'AADSTS9002325: Proof Key for Code Exchange is required.',
      );
    }
    const code = randomBytes(24).toString('base64url');
    this.authCodes.set(code, {
      clientId: client.appId,
      redirectUri,
      codeChallenge: q.get('code_challenge') ?? '',
      nonce: q.get('nonce'),
      userId: this.defaultUserId(),
    });
    const target = new URL(redirectUri);
    target.searchParams.set('code', code);
    const state = q.get('state');
    if (state) target.searchParams.set('state', state);
    target.searchParams.set('client_info', this.clientInfo(this.defaultUserId()));
    res.writeHead(302, { location: target.toString() });
    res.end();
  }

  private redeemAuthCode(
    res: ServerResponse,
    form: URLSearchParams,
    client: EmulatedClientApp,
    scope: string,
  ): void {
    const code = form.get('code') ?? '';
    const pending = this.authCodes.get(code);
    this.authCodes.delete(code);
    if (!pending || pending.clientId !== client.appId)
      return sendOAuthError(
        res,
        400,
        'invalid_grant',
        'AADSTS70008: The authorization code is invalid or has expired.',
      );
    if (form.get('redirect_uri') !== pending.redirectUri)
      return sendOAuthError(res, 400, 'invalid_grant', 'AADSTS70008: redirect_uri does not match.');
    const verifier = form.get('code_verifier') ?? '';
    if (createHash('sha256').update(verifier).digest('base64url') !== pending.codeChallenge) {
      return sendOAuthError(
        res,
        400,
        'invalid_grant',
        'AADSTS501481: The code verifier does not match the code challenge.',
      );
    }
    const grant: AccessGrant = {
      appId: client.appId,
      kind: 'delegated',
      permissions: client.delegatedPermissions,
      userId: pending.userId,
    };
    this.sendUserTokens(res, grant, client, scope, pending.nonce);
  }

  private clientInfo(userId: string): string {
    return Buffer.from(JSON.stringify({ uid: userId, utid: this.tenant.tenantId })).toString('base64url');
  }

  private sendUserTokens(
    res: ServerResponse,
    grant: AccessGrant,
    client: EmulatedClientApp,
    scope: string,
    nonce: string | null,
  ): void {
    const user = this.tenant.users.get(grant.userId ?? '');
    const resource =
      scope
        .split(' ')
        .find((s) => s.includes('://'))
        ?.replace(/\/[^/]*$/, '') ?? 'https://graph.microsoft.com';
    const issued = this.tokens.issue(grant, resource);
    const now = Math.floor(this.tokens.now() / 1000);
    const idToken = signHs256(
      {
        aud: client.appId,
        iss: `${this.authority(this.tenant.tenantId)}/v2.0`,
        iat: now,
        nbf: now,
        exp: now + 3600,
        name: user?.displayName ?? 'Emulated user',
        oid: grant.userId,
        preferred_username: user?.userPrincipalName ?? 'user@emulated.test',
        sub: randomUUID(),
        tid: this.tenant.tenantId,
        ver: '2.0',
        ...(nonce ? { nonce } : {}),
      },
      this.idTokenKey,
    );
    sendJson(res, 200, {
      token_type: 'Bearer',
      scope: [
        ...grant.permissions.map((p) => `${resource}/${p}`),
        'openid',
        'profile',
        'offline_access',
      ].join(' '),
      expires_in: issued.expiresIn,
      ext_expires_in: issued.expiresIn,
      access_token: issued.accessToken,
      refresh_token: issued.refreshToken,
      id_token: idToken,
      client_info: this.clientInfo(grant.userId ?? ''),
    });
  }
}
