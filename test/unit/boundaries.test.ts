import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

// @ts-expect-error -- a plain ES module without type declarations
import { boundaries } from '../../eslint.boundaries.mjs';

/** Lints a snippet as if it lived at `filePath`, with only the boundary rules switched on. */
async function violations(filePath: string, code: string): Promise<string[]> {
  const eslint = new ESLint({
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.ts', '**/*.tsx'], languageOptions: { parser: tseslint.parser } },
      ...(boundaries as object[]),
    ],
  });
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.message);
}

describe('the boundary lint rules', () => {
  it('keep electron out of the core, server, CLI, emulators and shared code', async () => {
    for (const path of [
      'electron/core/x.ts',
      'electron/server/x.ts',
      'electron/cli/x.ts',
      'electron/emulators/x.ts',
      'shared/x.ts',
    ]) {
      expect(await violations(path, "import { app } from 'electron';"), path).toEqual([
        expect.stringContaining('no electron here'),
      ]);
    }
  });

  it('keep Node built-ins and SQLite out of the renderer and shared code', async () => {
    expect(await violations('renderer/src/x.tsx', "import { readFileSync } from 'node:fs';")).toHaveLength(1);
    expect(await violations('shared/x.ts', "import path from 'path';")).toHaveLength(1);
    expect(await violations('renderer/src/x.ts', "import Database from 'better-sqlite3';")).toHaveLength(1);
    expect(await violations('electron/core/x.ts', "import { readFileSync } from 'node:fs';")).toEqual([]);
  });

  it('allow ipcMain and ipcRenderer only in their binding files', async () => {
    expect(await violations('electron/main/window.ts', "import { ipcMain } from 'electron';")).toHaveLength(
      1,
    );
    expect(
      await violations('electron/preload/other.ts', "import { ipcRenderer } from 'electron';"),
    ).toHaveLength(1);
    expect(await violations('electron/main/ipc-binding.ts', "import { ipcMain } from 'electron';")).toEqual(
      [],
    );
    expect(await violations('electron/preload/index.ts', "import { ipcRenderer } from 'electron';")).toEqual(
      [],
    );
    expect(await violations('electron/main/window.ts', "import { BrowserWindow } from 'electron';")).toEqual(
      [],
    );
  });

  it('keep the core’s layers in order: no service imports a handler, and reconciliation no collector', async () => {
    expect(
      await violations(
        'electron/core/collectors/x.ts',
        "import type { HandlerContext } from '../handlers/context';",
      ),
    ).toEqual([expect.stringContaining('Handlers are the thin top')]);
    expect(
      await violations('electron/core/reconcile/x.ts', "import { collectDirectory } from '../collectors/y';"),
    ).toEqual([expect.stringContaining('never the collectors')]);
    expect(
      await violations('electron/core/store/x.ts', "import { EntraGraph } from '../entra/graph-api';"),
    ).toHaveLength(1);
    expect(
      await violations('electron/core/status/x.ts', "import { CoreHost } from '../core-host';"),
    ).toHaveLength(1);
    // Downward imports are the point of layers.
    expect(
      await violations(
        'electron/core/handlers/x.ts',
        "import { PollingService } from '../polling/polling-service';",
      ),
    ).toEqual([]);
    expect(
      await violations(
        'electron/core/collectors/x.ts',
        "import { PollState } from '../store/poll-state-repo';",
      ),
    ).toEqual([]);
    expect(
      await violations(
        'electron/core/reconcile/x.ts',
        "import { reportedNameLimit } from '../provisioning/classify-cause';",
      ),
    ).toEqual([]);
  });
});
