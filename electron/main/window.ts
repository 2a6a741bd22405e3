/** The main window, with the secure web preferences in one place. */
import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';

import { appOrigin, secureWebPreferences } from './security';

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'ScimWatch',
    backgroundColor: '#12151b',
    webPreferences: { ...secureWebPreferences, preload: preloadPath },
  };
}

/** Creates the window and loads the app page; it shows itself once painted, to avoid a white flash. */
export async function createMainWindow(preloadPath: string): Promise<BrowserWindow> {
  const window = new BrowserWindow(mainWindowOptions(preloadPath));
  window.once('ready-to-show', () => window.show());
  await window.loadURL(`${appOrigin}/index.html`);
  return window;
}
