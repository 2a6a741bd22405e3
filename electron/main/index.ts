/**
 * Composition root of the desktop app: wiring only. The core runs in worker threads; this process
 * binds it to the window over IPC and keeps secrets in the OS keychain through safeStorage.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { app, dialog, safeStorage } from 'electron';

import { CoreHost } from '../core/core-host';
import { demoFolder, runsDemo } from '../core/profiles/profile-registry';
import { startBackgroundDemo } from '../emulators/background-demo';
import { SafeStorageSecretStore } from '../core/secrets/safe-storage-secret-store';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { bindIpc } from './ipc-binding';
import { chooseNativeBinding } from './native-binding';
import { hardenSessions } from './security';
import { electronPdfPrinter } from './pdf-printer';
import { createMainWindow } from './window';

/** The app's root folder (out/ lives in it) when running unpackaged. */
const appRoot = fileURLToPath(new URL('../..', import.meta.url));

registerAppScheme();

async function main(): Promise<void> {
  await app.whenReady();
  hardenSessions();
  serveRenderer(fileURLToPath(new URL('../renderer', import.meta.url)));
  const binding = chooseNativeBinding({
    packaged: app.isPackaged,
    abi: process.versions.modules,
    appRoot,
    exists: existsSync,
  });
  if (binding.kind === 'missing')
    throw new Error(`better-sqlite3 for Electron is missing (${binding.expected}). ${binding.hint}`);
  const env = {
    ...process.env,
    SCIMWATCH_DATA_DIR: process.env.SCIMWATCH_DATA_DIR ?? app.getPath('userData'),
  };
  // With no live profile, the demo world (emulated tenant, Pulumi org and provisioning engine) runs
  // in a worker thread (packaged apps cannot fork: the RunAsNode fuse is off); the demo profile polls it.
  const demo = runsDemo(env) ? await startBackgroundDemo(30_000, demoFolder(env)) : null;
  const core = await CoreHost.start({
    hostKind: 'desktop',
    env,
    secretBackend: (dataDir) => new SafeStorageSecretStore(dataDir, safeStorage),
    lockAs: { command: 'ScimWatch desktop', url: null },
    poll: true,
    freshDemoDatabase: true,
    printPdf: electronPdfPrinter,
    ...(demo ? { demoEnvironment: demo.environment } : {}),
    ...(binding.kind === 'override' ? { nativeBinding: binding.path } : {}),
  });
  const window = await createMainWindow(fileURLToPath(new URL('../preload/index.cjs', import.meta.url)));
  const unbind = bindIpc(core, window.webContents);
  app.on('window-all-closed', () => app.quit());
  let closing = false;
  app.on('will-quit', (event) => {
    if (closing) return;
    closing = true;
    event.preventDefault();
    unbind();
    // Close the workers first: they checkpoint the WAL and release the profile lock.
    void Promise.all([demo?.stop(), core.close()]).finally(() => app.exit(0));
  });
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  dialog.showErrorBox('ScimWatch could not start', message);
  app.exit(1);
});
