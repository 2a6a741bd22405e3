// Process boundaries, enforced mechanically (see ARCHITECTURE.md, "Layout"). Kept apart from the
// main config so a test can lint snippets against exactly these rules.
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

const noElectron = {
  name: 'electron',
  message: 'The core, server, CLI, emulators and shared code run in plain Node: no electron here.',
};
const hostAgnostic = [
  noElectron,
  ...nodeBuiltins.map((name) => ({
    name,
    message: 'renderer/ and shared/ also run in a browser: no Node built-ins.',
  })),
  { name: 'better-sqlite3', message: 'SQLite lives in the core workers; go through the API contract.' },
];
const ipcOnlyInBindings = {
  name: 'electron',
  importNames: ['ipcMain', 'ipcRenderer'],
  message:
    'ipcMain lives only in electron/main/ipc-binding.ts, ipcRenderer only in electron/preload/index.ts.',
};

export const boundaries = [
  {
    files: ['electron/core/**', 'electron/server/**', 'electron/cli/**', 'electron/emulators/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron] }] },
  },
  {
    files: ['shared/**', 'renderer/**'],
    rules: { 'no-restricted-imports': ['error', { paths: hostAgnostic }] },
  },
  {
    files: ['electron/main/**', 'electron/preload/**'],
    ignores: ['electron/main/ipc-binding.ts', 'electron/preload/index.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [ipcOnlyInBindings] }] },
  },
];
