import { builtinModules } from 'node:module';

import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

// Process boundaries, enforced mechanically (see ARCHITECTURE.md, "Boundaries").
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

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly' },
    },
  },
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
  {
    files: ['renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['test/**', 'scripts/**', 'bench/**'],
    rules: { 'no-console': 'off' },
  },
  {
    // Tests read JSON bodies and use asymmetric matchers (typed `any` by vitest) all the time.
    files: ['test/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },

  prettier,
);
