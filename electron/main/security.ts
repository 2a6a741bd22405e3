/**
 * Hardening of every web contents: the app's own page only, no navigation, no new windows, no
 * webviews, no permissions; external links only to the allowlisted https hosts.
 */
import { app, session, shell, type WebContents } from 'electron';

import { isAllowedExternalLink } from '../../shared/external-links';
import { contentSecurityPolicy } from '../../shared/csp';

export const appScheme = 'app';
export const appHost = 'scimwatch';
export const appOrigin = `${appScheme}://${appHost}`;

/** True for URLs of the app's own bundled pages. */
export function isAppUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === `${appScheme}:` && url.host === appHost && !url.username && !url.password;
  } catch {
    return false;
  }
}

/** Opens a link in the user's browser if it is allowlisted; says whether it did. */
export function openExternalSafely(
  raw: string,
  open: (url: string) => Promise<void> = (url) => shell.openExternal(url),
): boolean {
  if (!isAllowedExternalLink(raw)) return false;
  void open(raw);
  return true;
}

export const secureWebPreferences = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInSubFrames: false,
  nodeIntegrationInWorker: false,
  webviewTag: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  spellcheck: false,
} as const;

export function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url);
    return { action: 'deny' };
  });
}

export function hardenSessions(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy] },
    });
  });
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
}
