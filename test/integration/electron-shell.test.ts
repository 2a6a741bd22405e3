/**
 * The desktop shell, checked with a recording fake of `electron` (test/fakes/electron.ts): the
 * Electron binary cannot run on these machines. The core behind it is real.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../fakes/electron'));

import { ipcEventChannel, ipcMethodChannel, methodNames } from '../../shared/contract';
import type { CoreHost } from '../../electron/core/core-host';
import { bindIpc } from '../../electron/main/ipc-binding';
import { chooseNativeBinding, electronAddonPath } from '../../electron/main/native-binding';
import { hardenContents, hardenSessions, openExternalSafely } from '../../electron/main/security';
import { electronPdfPrinter } from '../../electron/main/pdf-printer';
import { mainWindowOptions } from '../../electron/main/window';
import { contentSecurityPolicy } from '../../shared/csp';
import { FakeWebContents, recorded } from '../fakes/electron';
import { startServer } from '../../electron/server/server';
import { startTestCore } from '../helpers/core';
import { makeTempDir } from '../helpers/temp-dir';

type Reply = { ok: boolean; result?: unknown; error?: { code: string; message: string } };

describe('the Electron main process (with a fake electron)', () => {
  const dir = makeTempDir();
  let core: CoreHost;
  const contents = new FakeWebContents();
  const fromApp = { sender: contents, senderFrame: { url: 'app://scimwatch/index.html' } };
  const call = (channel: string, event: unknown, input: unknown) =>
    recorded.handlers.get(channel)?.(event, input) as Promise<Reply>;

  beforeAll(async () => {
    recorded.reset();
    ({ core } = await startTestCore(dir.path, {}, { printPdf: electronPdfPrinter }));
    bindIpc(core, contents as never);
  });
  afterAll(async () => {
    await core.close();
    dir.remove();
  });

  it('binds every contract method, and nothing else', () => {
    expect([...recorded.handlers.keys()].sort()).toEqual(methodNames.map(ipcMethodChannel).sort());
  });

  it('answers calls from the app frame through the core', async () => {
    const reply = await call('scimwatch:app.status', fromApp, {});
    expect(reply).toMatchObject({ ok: true, result: { profile: { name: 'demo' } } });
  });

  it('rejects calls from a foreign frame or another web contents', async () => {
    const foreignFrame = await call(
      'scimwatch:app.status',
      { ...fromApp, senderFrame: { url: 'https://evil.example/' } },
      {},
    );
    expect(foreignFrame).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const lookalike = await call(
      'scimwatch:app.status',
      { ...fromApp, senderFrame: { url: 'app://scimwatch.evil/' } },
      {},
    );
    expect(lookalike.ok).toBe(false);
    const otherContents = await call(
      'scimwatch:app.status',
      { ...fromApp, sender: new FakeWebContents() },
      {},
    );
    expect(otherContents).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('returns the contract error for invalid input', async () => {
    const reply = await call('scimwatch:settings.update', fromApp, { values: { clientId: 'x' } });
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('clientId') },
    });
  });

  it("answers the dashboard's methods exactly as the HTTP host does, bad input included", async () => {
    const server = await startServer({ core });
    try {
      const overHttp = async (method: string, input: unknown) =>
        (await fetch(`${server.origin}/api/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${server.accessToken}` },
          body: JSON.stringify(input),
        }).then((r) => r.json())) as Reply;
      // Times that say when the answer was made differ between two calls; nothing else may.
      const timeless = (reply: Reply) =>
        JSON.parse(JSON.stringify(reply), (key, value: unknown) =>
          ['generatedAt', 'to', 'since'].includes(key) && value !== null ? 'now' : value,
        ) as unknown;
      const calls: [string, unknown][] = [
        ['overview.get', {}],
        ...(['24h', '7d', '30d', 'all'] as const).flatMap((range): [string, unknown][] => [
          ['stats.outcomes', { range }],
          ['stats.failureCauses', { range }],
          ['stats.findingsTrend', { range }],
        ]),
        ['findings.get', { key: 'user.missing_in_pulumi|nobody' }],
        ['provisioningEvents.get', { id: 'no-such-entry' }],
        ['provisioningEvents.list', { filter: { cause: 'email_in_use', action: 'create' } }],
        ['findings.list', { filter: { roots: true, changedInRun: 1, state: 'all' } }],
        ['stats.outcomes', { range: '1y' }],
        ['provisioningEvents.list', { filter: { cause: 'not_a_cause' } }],
      ];
      for (const [method, input] of calls) {
        const ipc = await call(ipcMethodChannel(method), fromApp, input);
        expect(timeless(ipc), method).toEqual(timeless(await overHttp(method, input)));
      }
      expect(await call('scimwatch:stats.outcomes', fromApp, { range: '1y' })).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
      expect(await call('scimwatch:overview.get', fromApp, {})).toMatchObject({
        ok: true,
        result: { run: null, job: null, openRoots: { error: 0, warning: 0, info: 0 }, failedObjects24h: 0 },
      });
    } finally {
      await server.close();
    }
  });

  it('pushes core events to the window', async () => {
    await call('scimwatch:settings.update', fromApp, { values: { pulumiOrg: 'acme' } });
    expect(
      contents.sent.some(([channel, name]) => channel === ipcEventChannel && name === 'status.changed'),
    ).toBe(true);
  });

  it('creates windows with the secure preferences', () => {
    const options = mainWindowOptions('/app/out/preload/index.cjs');
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      preload: '/app/out/preload/index.cjs',
    });
    expect(options.show).toBe(false);
  });

  it('denies navigation, new windows, webviews and permissions', () => {
    const hardened = new FakeWebContents();
    hardenContents(hardened as never);
    const navigate = { preventDefault: vi.fn() };
    hardened.emit('will-navigate', navigate, 'https://evil.example/');
    expect(navigate.preventDefault).toHaveBeenCalled();
    const webview = { preventDefault: vi.fn() };
    hardened.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();
    recorded.opened.length = 0;
    expect(hardened.windowOpenHandler?.({ url: 'https://portal.azure.com/#home' })).toEqual({
      action: 'deny',
    });
    expect(hardened.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(recorded.opened).toEqual(['https://portal.azure.com/#home']);
    hardenSessions();
    let granted: boolean | undefined;
    recorded.permissionHandler?.(hardened, 'media', (ok) => (granted = ok));
    expect(granted).toBe(false);
  });

  it('applies the strict CSP to every response', () => {
    let applied: { responseHeaders: Record<string, string[]> } | undefined;
    recorded.headersHandler?.({ responseHeaders: { 'x-a': ['1'] } }, (r) => (applied = r as typeof applied));
    expect(applied?.responseHeaders['Content-Security-Policy']).toEqual([contentSecurityPolicy]);
    expect(contentSecurityPolicy).toContain("default-src 'self'");
    expect(contentSecurityPolicy).toContain("script-src 'self'");
    expect(contentSecurityPolicy).toContain("connect-src 'self'");
    expect(contentSecurityPolicy).not.toContain('unsafe-inline');
    expect(contentSecurityPolicy).not.toContain('unsafe-eval');
    const html = readFileSync('renderer/index.html', 'utf8');
    expect(html).toMatch(/Content-Security-Policy/);
    expect(html).not.toMatch(/<script>(?!\s*<\/script>)/);
  });

  it('prints a PDF report in a hidden window that runs no script, then destroys the window', async () => {
    const before = recorded.windows.length;
    const record = await core.call('report.create', { format: 'pdf' });
    const window = recorded.windows[before];
    expect(window?.options).toMatchObject({
      show: false,
      webPreferences: { javascript: false, sandbox: true },
    });
    const html = Buffer.from(window?.loaded?.split(',')[1] ?? '', 'base64').toString('utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('ScimWatch reconciliation report');
    expect(window?.webContents.printed[0]).toMatchObject({ pageSize: 'A4', printBackground: true });
    expect(window?.destroyed).toBe(true);
    const pdf = readFileSync(join(dir.path, 'reports', core.activeProfile, record.fileName ?? ''));
    expect(pdf.toString('latin1')).toMatch(/^%PDF-1\.7 fake\ndata:text\/html/);
    expect(record).toMatchObject({ state: 'done', options: { format: 'pdf' } });
  });

  it('opens external links only to the allowlist', () => {
    const opened: string[] = [];
    const open = (url: string) => {
      opened.push(url);
      return Promise.resolve();
    };
    expect(openExternalSafely('https://learn.microsoft.com/en-us/entra/', open)).toBe(true);
    expect(openExternalSafely('http://learn.microsoft.com/', open)).toBe(false);
    expect(openExternalSafely('file:///etc/passwd', open)).toBe(false);
    expect(openExternalSafely('https://learn.microsoft.com.evil.example/', open)).toBe(false);
    expect(opened).toEqual(['https://learn.microsoft.com/en-us/entra/']);
  });
});

describe('the preload bridge (with a fake electron)', () => {
  it('exposes one method per request and typed subscriptions, nothing generic', async () => {
    recorded.reset();
    await import('../../electron/preload/index');
    const api = recorded.exposed.get('scimwatch') as Record<
      string,
      Record<string, (i?: unknown) => Promise<unknown>>
    > & {
      on: (e: string, l: (p: unknown) => void) => () => void;
    };
    expect(api).toBeDefined();
    for (const method of methodNames) {
      const [namespace, verb] = method.split('.') as [string, string];
      expect(api[namespace]?.[verb], method).toBeTypeOf('function');
    }
    expect(Object.keys(api)).not.toContain('invoke');
    expect(Object.keys(api)).not.toContain('send');
    await api.settings!.update!({ values: { pulumiOrg: 'acme' } });
    expect(recorded.invoked).toEqual([['scimwatch:settings.update', { values: { pulumiOrg: 'acme' } }]]);
    const heard: unknown[] = [];
    const off = api.on('status.changed', (p) => heard.push(p));
    const forward = [...(recorded.rendererListeners.get('scimwatch:event') ?? [])][0];
    forward?.({}, 'status.changed', { profile: 'x' });
    forward?.({}, 'sync.progress', { other: true });
    expect(heard).toEqual([{ profile: 'x' }]);
    off();
    expect(recorded.rendererListeners.get('scimwatch:event')?.size).toBe(0);
  });

  it('is built as one CommonJS file that requires only electron', () => {
    const built = readFileSync('out/preload/index.cjs', 'utf8');
    const required = [...built.matchAll(/require\((['"`])([^'"`]+)\1\)/g)].map((m) => m[2]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(built).not.toMatch(/^\s*import\s/m);
  });
});

describe('choosing the better-sqlite3 addon for Electron', () => {
  it('uses the Electron-ABI build from out/native in development', () => {
    const path = electronAddonPath('/app', '150');
    expect(
      chooseNativeBinding({ packaged: false, abi: '150', appRoot: '/app', exists: (p) => p === path }),
    ).toEqual({
      kind: 'override',
      path,
    });
  });

  it('says what to run when that build is missing', () => {
    const choice = chooseNativeBinding({ packaged: false, abi: '150', appRoot: '/app', exists: () => false });
    expect(choice).toMatchObject({ kind: 'missing', expected: electronAddonPath('/app', '150') });
  });

  it('leaves packaged apps to electron-builder’s rebuild', () => {
    expect(
      chooseNativeBinding({ packaged: true, abi: '150', appRoot: '/app', exists: () => true }).kind,
    ).toBe('default');
  });
});
