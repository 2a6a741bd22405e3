import Database from 'better-sqlite3';
import { chromium, type Browser, type Page } from 'playwright-core';
import { Agent, fetch as undiciFetch } from 'undici';
import { inject } from 'vitest';

import type { InputOf, MethodName, OutputOf } from '../../shared/contract';
import type { ServedApp } from './served-app';

/** A test file's view of the shared served app: its own page in the shared browser, and the API. */
export interface ServedPage {
  app: ServedApp;
  browser: Browser;
  page: Page;
  /** Errors the page logged or threw (CSP violations included). */
  consoleErrors: string[];
  /** Calls the served API over HTTP with the access token, as any client of `scimwatch serve` would. */
  call<M extends MethodName>(method: M, input?: InputOf<M>): Promise<OutputOf<M>>;
  /** The served profile's database, read-only. */
  db(): Database.Database;
  /** Calls the Graph emulator's control API. */
  control(method: string, path: string, body?: unknown): Promise<unknown>;
  close(): Promise<void>;
}

export async function openServedPage(): Promise<ServedPage> {
  const app = inject('servedApp');
  const browser = await chromium.connect(app.browserEndpoint);
  // A context of its own (axe opens a second page in it to gather frames' results).
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  const emulatorAgent = new Agent({ connect: { ca: app.graph.caPem } });
  let database: Database.Database | undefined;
  return {
    app,
    browser,
    page,
    consoleErrors,
    call: async (method, input) => {
      const response = await fetch(`${app.origin}/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${app.accessToken}` },
        body: JSON.stringify(input ?? {}),
      });
      const envelope = (await response.json()) as { ok: boolean; result: never; error?: { message: string } };
      if (!envelope.ok) throw new Error(`${method}: ${envelope.error?.message}`);
      return envelope.result;
    },
    db: () => (database ??= new Database(app.databasePath, { readonly: true, fileMustExist: true })),
    control: async (method, path, body) => {
      const response = await undiciFetch(`${app.graph.origin}${path}`, {
        method,
        headers: { 'content-type': 'application/json', 'x-emulator-control': app.graph.controlKey },
        dispatcher: emulatorAgent,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
      return response.status === 204 ? null : await response.json();
    },
    close: async () => {
      database?.close();
      await context.close();
      await browser.close();
      await emulatorAgent.close();
    },
  };
}
