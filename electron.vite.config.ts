import { resolve } from 'node:path';

import { defineConfig } from 'electron-vite';

import { metaContentSecurityPolicy } from './shared/csp';

/** Writes the one content security policy (shared/csp.ts) into the renderer's index.html. */
const contentSecurityPolicyTag = {
  name: 'scimwatch-csp',
  transformIndexHtml: (html: string) => html.replace('%SCIMWATCH_CSP%', metaContentSecurityPolicy),
};

/**
 * Prints what a browser downloads before the first paint: the entry chunk and what it imports
 * statically (lazily loaded pages excluded). The browser tests hold it to 300 KB.
 */
const initialJavaScriptSize = {
  name: 'scimwatch-initial-size',
  writeBundle(
    _options: unknown,
    bundle: Record<string, { type: string; isEntry?: boolean; imports?: string[]; code?: string }>,
  ) {
    const seen = new Set<string>();
    const visit = (file: string) => {
      const chunk = bundle[file];
      if (seen.has(file) || chunk?.type !== 'chunk') return;
      seen.add(file);
      chunk.imports?.forEach(visit);
    };
    Object.entries(bundle).forEach(([file, chunk]) => chunk.isEntry && visit(file));
    const bytes = [...seen].reduce((sum, file) => sum + Buffer.byteLength(bundle[file]?.code ?? ''), 0);
    process.stdout.write(
      `renderer: initial JavaScript ${(bytes / 1024).toFixed(1)} KB in ${seen.size} file(s) (limit 300 KB)\n`,
    );
  },
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
          'store-thread-worker': resolve('electron/core/workers/store-thread-worker.ts'),
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
    plugins: [contentSecurityPolicyTag, initialJavaScriptSize],
    build: {
      outDir: 'out/renderer',
      // What a browser downloads from `scimwatch serve`: minified (electron-vite leaves it readable).
      minify: true,
      rolldownOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
