import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

/** Every product source file (the shells, core, server, CLI, emulators, shared code, renderer). */
function productFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return productFiles(path);
    return /\.(ts|tsx|html)$/.test(entry.name) ? [path] : [];
  });
}
const sources = ['electron', 'shared', 'renderer'].flatMap(productFiles).map((path) => ({
  path,
  text: readFileSync(path, 'utf8'),
}));

/** The files that declare something matching `pattern`, with how often each does. */
function declaredIn(pattern: RegExp): string[] {
  return sources.flatMap(({ path, text }) =>
    Array.from(text.matchAll(new RegExp(pattern.source, 'g')), () => path),
  );
}

describe('each shared definition is declared once', () => {
  it('the poll_state row', () => {
    expect(declaredIn(/interface PollRow\b/)).toEqual(['electron/core/store/poll-state-repo.ts']);
  });

  it('the content security policy (headers and the renderer’s meta tag alike)', () => {
    // The dashboard's policy and the exported report's, both in the one file.
    expect(declaredIn(/default-src/)).toEqual(['shared/csp.ts', 'shared/csp.ts']);
    expect(readFileSync('renderer/index.html', 'utf8')).toContain('%SCIMWATCH_CSP%');
  });

  it('the provisioning status union', () => {
    expect(
      declaredIn(/'success',\s*'failure',\s*'skipped',\s*'warning'|'success' \| 'failure' \| 'skipped'/),
    ).toEqual(['shared/contract/rows.ts']);
  });

  it('the reply envelope and the IPC channel names', () => {
    expect(declaredIn(/\{ ok: true; result: unknown \}/)).toEqual(['shared/contract/envelope.ts']);
    expect(declaredIn(/['`]scimwatch:(event|\$\{)/)).toEqual([
      'shared/contract/envelope.ts',
      'shared/contract/envelope.ts',
    ]);
  });

  it('the source health labels', () => {
    expect(declaredIn(/Not polled yet|not polled yet/)).toEqual(['shared/labels.ts']);
  });
});
