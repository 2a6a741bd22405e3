/**
 * Composition root of the desktop app: wiring only. The core runs in worker threads; this process
 * binds it to the window over IPC and keeps secrets in the OS keychain through safeStorage.
 */
import { app, BrowserWindow, safeStorage } from 'electron';
import { fileURLToPath } from 'node:url';

import { CoreHost } from '../core/core-host';
import { SafeStorageSecretStore } from '../core/secrets/safe-storage-secret-store';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { bindIpc } from './ipc-binding';
import { appOrigin, hardenSessions, secureWebPreferences } from './security';

registerAppScheme();

async function main(): Promise<void> {
  await app.whenReady();
  hardenSessions();
  serveRenderer(fileURLToPath(new URL('../renderer', import.meta.url)));
  const core = await CoreHost.start({
    hostKind: 'desktop',
    env: { ...process.env, SCIMWATCH_DATA_DIR: process.env.SCIMWATCH_DATA_DIR ?? app.getPath('userData') },
    secretBackend: (dataDir) => new SafeStorageSecretStore(dataDir, safeStorage),
    lockAs: { command: 'ScimWatch desktop', url: null },
  });
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    show: false,
    title: 'ScimWatch',
    webPreferences: {
      ...secureWebPreferences,
      preload: fileURLToPath(new URL('../preload/index.cjs', import.meta.url)),
    },
  });
  const unbind = bindIpc(core, window.webContents);
  window.once('ready-to-show', () => window.show());
  await window.loadURL(`${appOrigin}/index.html`);
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    event.preventDefault();
    unbind();
    void core.close().finally(() => app.exit(0));
  });
}

main().catch((error: unknown) => {
  console.error('ScimWatch could not start:', error instanceof Error ? error.message : error);
  app.exit(1);
});
