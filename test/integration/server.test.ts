import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { request as httpsRequest } from 'node:https';

import type { CoreHost } from '../../electron/core/core-host';
import { generateLoopbackTls } from '../../electron/emulators/tls/loopback-certificates';
import { startServer, type RunningServer } from '../../electron/server/server';
import { startTestCore } from '../helpers/core';
import { collectEvents, rawRequest } from '../helpers/http';
import { makeTempDir } from '../helpers/temp-dir';

describe('the server host', () => {
  const dir = makeTempDir();
  let core: CoreHost;
  let server: RunningServer;
  let host = '';
  const post = (method: string, body: unknown, headers: Record<string, string> = {}) =>
    rawRequest(`${server.origin}/api/${method}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${server.accessToken}`,
        ...headers,
      },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    ({ core } = await startTestCore(dir.path));
    server = await startServer({ core });
    host = new URL(server.origin).host;
  });
  afterAll(async () => {
    await server.close();
    await core.close();
    dir.remove();
  });

  it('binds to 127.0.0.1 on a random port and prints a URL with the token', () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.url).toBe(`${server.origin}/?token=${server.accessToken}`);
    expect(server.accessToken.length).toBeGreaterThanOrEqual(32);
  });

  it('answers a call with the token', async () => {
    const response = await post('app.status', {});
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ ok: true, result: { profile: { name: 'demo' } } });
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('refuses no token and a wrong token', async () => {
    const none = await rawRequest(`${server.origin}/api/app.status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body).error.code).toBe('unauthorized');
    const wrong = await post('app.status', {}, { authorization: 'Bearer wrong-token' });
    expect(wrong.status).toBe(401);
    const page = await rawRequest(`${server.origin}/`);
    expect(page.status).toBe(401);
  });

  it('refuses another origin and another Host (DNS rebinding)', async () => {
    const foreign = await post('app.status', {}, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    const rebound = await post('app.status', {}, { host: `evil.example:${server.port}` });
    expect(rebound.status).toBe(403);
    const crossSite = await post('app.status', {}, { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    const sameOrigin = await post(
      'app.status',
      {},
      { origin: `http://${host}`, 'sec-fetch-site': 'same-origin' },
    );
    expect(sameOrigin.status).toBe(200);
  });

  it('refuses non-JSON posts, so cross-site forms cannot call the API', async () => {
    const form = await rawRequest(`${server.origin}/api/settings.update`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Bearer ${server.accessToken}`,
      },
      body: 'values=1',
    });
    expect(form.status).toBe(400);
  });

  it('returns contract errors with code, message and hint', async () => {
    const bad = await post('settings.update', { values: { tenantId: 'not a tenant' } });
    expect(bad.status).toBe(400);
    const { error } = JSON.parse(bad.body) as { error: { code: string; message: string; hint: string } };
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('values.tenantId');
    expect(error.hint).not.toBe('');
    const unknown = await post('nothing.here', {});
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body).error.code).toBe('unknown_method');
    const broken = await rawRequest(`${server.origin}/api/app.status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.accessToken}` },
      body: '{"unterminated',
    });
    expect(JSON.parse(broken.body).error.message).toMatch(/not valid JSON/);
  });

  it('trades the URL token for a port-specific HttpOnly cookie', async () => {
    const login = await rawRequest(`${server.origin}/?token=${server.accessToken}`);
    expect(login.status).toBe(303);
    expect(login.headers.location).toBe('/');
    const cookie = String(login.headers['set-cookie']);
    expect(cookie).toContain(`scimwatch-token-${server.port}=`);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const withCookie = await rawRequest(`${server.origin}/api/app.status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: cookie.split(';')[0] ?? '' },
      body: '{}',
    });
    expect(withCookie.status).toBe(200);
    const badLogin = await rawRequest(`${server.origin}/?token=nope`);
    expect(badLogin.status).toBe(401);
  });

  it('sends security headers on every response', async () => {
    const response = await post('app.status', {});
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
  });

  it('pushes events over SSE', async () => {
    const frames = collectEvents(
      `${server.origin}/api/events`,
      { authorization: `Bearer ${server.accessToken}` },
      (f) => f.includes('event: status.changed'),
    );
    await new Promise((r) => setTimeout(r, 100));
    await post('settings.update', { values: { pulumiOrg: 'acme' } });
    const text = await frames;
    expect(text).toContain('event: status.changed');
    const data = /event: status.changed\ndata: (.*)\n/.exec(text)?.[1];
    expect(JSON.parse(data ?? '{}')).toMatchObject({ profile: { name: 'demo' } });
  });

  it('refuses SSE without the token', async () => {
    const response = await rawRequest(`${server.origin}/api/events`);
    expect(response.status).toBe(401);
  });

  it('refuses to bind a non-loopback address without TLS', async () => {
    await expect(startServer({ core, host: '0.0.0.0' })).rejects.toThrow(/without TLS/);
  });

  it('serves HTTPS with --tls-cert/--tls-key and marks the cookie Secure', async () => {
    const tls = await generateLoopbackTls();
    const secure = await startServer({ core, host: '0.0.0.0', tls: { cert: tls.certPem, key: tls.keyPem } });
    try {
      const response = await new Promise<{ status: number; cookie: string; hsts: string }>(
        (resolve, reject) => {
          const req = httpsRequest(
            `https://127.0.0.1:${secure.port}/?token=${secure.accessToken}`,
            { ca: tls.caPem, headers: { host: `localhost:${secure.port}` } },
            (res) => {
              res.resume();
              resolve({
                status: res.statusCode ?? 0,
                cookie: String(res.headers['set-cookie']),
                hsts: String(res.headers['strict-transport-security']),
              });
            },
          );
          req.on('error', reject);
          req.end();
        },
      );
      expect(response.status).toBe(303);
      expect(response.cookie).toMatch(/Secure/);
      expect(response.hsts).toMatch(/max-age/);
    } finally {
      await secure.close();
    }
  });
});
