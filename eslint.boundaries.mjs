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

/**
 * Layers inside the core, lowest first; a module may import its own layer and those below it, never
 * one above (ARCHITECTURE.md, "Layout"). Handlers are the thin top; services below them never reach up.
 */
const above = (folders, why) => ({ group: folders.map((f) => `**/${f}`), message: why });
const upward = {
  hosts: above(
    ['core-host', 'host/*', 'workers/*'],
    'Only the hosts start workers: services never reach up to them.',
  ),
  handlers: above(
    ['handlers/*'],
    'Handlers are the thin top: services take a CoreContext (core/context.ts) instead.',
  ),
  polling: above(
    ['polling/*'],
    'The polling service composes collectors and reconciliation; they do not call it.',
  ),
  status: above(['status/*'], 'Status is read from the store, not from collectors or reconciliation.'),
  collectors: above(
    ['collectors/*'],
    'Reconciliation reads the store, never the collectors (shared rules live in provisioning/).',
  ),
  reconcile: above(['reconcile/*'], 'Collectors store what they read; reconciliation runs after them.'),
  clients: above(['entra/*', 'pulumi/*'], 'The store and configuration know no Graph or Pulumi client.'),
  context: above(['context'], 'The store and configuration are below the core context.'),
};
/** Clients and shared rules sit below every service, and below them only the ground floor. */
const everythingAboveClients = [
  upward.hosts,
  upward.handlers,
  upward.polling,
  upward.status,
  upward.collectors,
  upward.reconcile,
];
const coreLayers = [
  { files: ['electron/core/polling/**', 'electron/core/handlers/**'], patterns: [upward.hosts] },
  {
    files: ['electron/core/status/**'],
    patterns: [upward.hosts, upward.handlers, upward.polling, upward.collectors, upward.reconcile],
  },
  {
    files: ['electron/core/collectors/**'],
    patterns: [upward.hosts, upward.handlers, upward.polling, upward.status, upward.reconcile],
  },
  {
    files: ['electron/core/reconcile/**'],
    patterns: [upward.hosts, upward.handlers, upward.polling, upward.status, upward.collectors],
  },
  {
    files: ['electron/core/{entra,pulumi,provisioning}/**', 'electron/core/context.ts'],
    patterns: everythingAboveClients,
  },
  {
    files: ['electron/core/{store,config,time,log,transport,secrets,profiles}/**'],
    patterns: [...everythingAboveClients, upward.clients, upward.context],
  },
].map(({ files, patterns }) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { paths: [noElectron], patterns }] },
}));

export const boundaries = [
  {
    files: ['electron/core/**', 'electron/server/**', 'electron/cli/**', 'electron/emulators/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron] }] },
  },
  ...coreLayers,
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
