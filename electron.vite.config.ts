import { resolve } from 'node:path';

import { defineConfig } from 'electron-vite';

import { metaContentSecurityPolicy } from './shared/csp';

/** Writes the one content security policy (shared/csp.ts) into the renderer's index.html. */
const contentSecurityPolicyTag = {
  name: 'scimwatch-csp',
  transformIndexHtml: (html: string) => html.replace('%SCIMWATCH_CSP%', metaContentSecurityPolicy),
};

// Our layout is not electron-vite's default src/{main,preload,renderer}: inputs are named explicitly.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        input: {
          index: resolve('electron/main/index.ts'),
          'core-worker': resolve('electron/core/workers/core-worker.ts'),
          'emulator-worker': resolve('electron/emulators/emulator-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // Sandboxed preloads may require only `electron`: one self-contained CommonJS file.
      externalizeDeps: false,
      isolatedEntries: true,
      rolldownOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [contentSecurityPolicyTag],
    build: {
      outDir: 'out/renderer',
      // What a browser downloads from `scimwatch serve`: minified (electron-vite leaves it readable).
      minify: true,
      rolldownOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
