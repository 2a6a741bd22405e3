/**
 * Which better-sqlite3 addon Electron's main process should load. node_modules keeps the build for
 * Node's ABI (tests and the CLI use it); Electron has its own ABI, so `npm start` rebuilds the addon
 * for Electron into out/native/electron-<modules>/ and main passes that path as `nativeBinding`.
 * Packaged apps are rebuilt by electron-builder in place, so they need no override.
 */
import { join } from 'node:path';

export interface NativeBindingInput {
  packaged: boolean;
  /** process.versions.modules inside Electron, e.g. "136". */
  abi: string;
  /** The app's root folder (where out/ lives) in development. */
  appRoot: string;
  exists: (path: string) => boolean;
}

export type NativeBindingChoice =
  | { kind: 'default'; reason: string }
  | { kind: 'override'; path: string }
  | { kind: 'missing'; expected: string; hint: string };

/** Where the Electron-ABI build of the addon is kept in development. */
export function electronAddonPath(appRoot: string, abi: string): string {
  return join(appRoot, 'out', 'native', `electron-${abi}`, 'better_sqlite3.node');
}

export function chooseNativeBinding(input: NativeBindingInput): NativeBindingChoice {
  if (input.packaged)
    return { kind: 'default', reason: 'packaged: electron-builder rebuilt node_modules for Electron' };
  const path = electronAddonPath(input.appRoot, input.abi);
  if (input.exists(path)) return { kind: 'override', path };
  return {
    kind: 'missing',
    expected: path,
    hint: 'Run `npm start` (it rebuilds better-sqlite3 for Electron), or `node scripts/rebuild-native.mjs`.',
  };
}
