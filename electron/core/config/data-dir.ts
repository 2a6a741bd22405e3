import { homedir } from 'node:os';
import { join } from 'node:path';

/** The app's folder name; Electron's `userData` resolves to the same place for productName "ScimWatch". */
export const appFolderName = 'ScimWatch';

/**
 * Where profiles, secrets, logs and locks live: SCIMWATCH_DATA_DIR, else the same folder Electron's
 * `userData` uses, so the desktop app, the server and the CLI share one history.
 */
export function resolveDataDir(
  env: NodeJS.ProcessEnv,
  platform = process.platform,
  home = homedir(),
): string {
  if (env.SCIMWATCH_DATA_DIR) return env.SCIMWATCH_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), appFolderName);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', appFolderName);
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), appFolderName);
}
