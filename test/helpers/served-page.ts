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
  /**
   * Adds a user to the emulated tenant (assigned to the app if asked) and logs a failed create of it,
   * as Entra would; not yet synced. Returns its Entra id.
   */
  plantFailedCreate(user: PlantedUser, error: { errorCode: string; reason: string }): Promise<string>;
  close(): Promise<void>;
}

export interface PlantedUser {
  userPrincipalName: string;
  displayName: string;
  cycleId: string;
  /** Assigned to the provisioning app, so it is in scope (and a retry can mend it). */
  assign?: boolean;
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
  const control: ServedPage['control'] = async (method, path, body) => {
    const response = await undiciFetch(`${app.graph.origin}${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'x-emulator-control': app.graph.controlKey },
      dispatcher: emulatorAgent,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.status === 204 ? null : await response.json();
  };
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
    control,
    plantFailedCreate: async ({ userPrincipalName, displayName, cycleId, assign }, error) => {
      const user = (await control('POST', '/_control/users', {
        userPrincipalName,
        mail: userPrincipalName,
        displayName,
        accountEnabled: true,
      })) as { id: string };
      const { world } = app;
      if (assign)
        await control('POST', `/_control/servicePrincipals/${world.servicePrincipal.id}/assignments`, {
          principalId: user.id,
        });
      await control('POST', '/_control/provisioning-events', {
        entries: [
          {
            tenantId: world.tenantId,
            jobId: world.jobId,
            servicePrincipal: world.servicePrincipal,
            activityDateTime: new Date().toISOString(),
            cycleId,
            action: 'create',
            status: 'failure',
            identityType: 'User',
            source: { id: user.id, displayName },
            target: { id: '', displayName: '' },
            error,
          },
        ],
      });
      return user.id;
    },
    close: async () => {
      database?.close();
      await context.close();
      await browser.close();
      await emulatorAgent.close();
    },
  };
}
