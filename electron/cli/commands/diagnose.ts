import { createWriteStream, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { finished } from 'node:stream/promises';

import { ZipFile } from 'yazl';

import { ScimWatchError } from '../../../shared/contract';
import { CoreHost } from '../../core/core-host';
import { diagnosticFiles } from '../../core/maintenance/diagnostics';
import { exitCodes } from '../exit-codes';
import { print } from '../output';

/**
 * `scimwatch diagnose --out FILE.zip`: what support needs to help (versions, settings and where each
 * came from, health, the database's history, size and a quick check made now, recent logs), redacted
 * for a ticket.
 */
export async function diagnoseCommand(flags: { out: string | undefined }): Promise<number> {
  if (!flags.out || !flags.out.toLowerCase().endsWith('.zip'))
    throw new Error('Say where the bundle goes: scimwatch diagnose --out <file>.zip.');
  const out = resolve(flags.out);
  if (existsSync(out))
    throw new ScimWatchError(
      'invalid_input',
      `${out} already exists; ScimWatch does not overwrite it.`,
      'Name a new file.',
    );
  const core = await CoreHost.start({ hostKind: 'cli', oneShot: true });
  try {
    // A check made now, not the last one recorded: damage since then is what a ticket most needs.
    const check = await core.call('store.check', { kind: 'quick' });
    const [status, settings, store] = await Promise.all([
      core.call('app.status', {}),
      core.call('settings.get', {}),
      core.call('store.info', {}),
    ]);
    const files = diagnosticFiles({
      version: status.version,
      status,
      settings,
      store,
      logFolder: join(core.dataDir, 'logs'),
      redactSecrets: (text) => core.redactSecrets(text),
      now: new Date(),
    });
    const zip = new ZipFile();
    for (const [name, content] of Object.entries(files))
      zip.addBuffer(Buffer.from(content), name, { mode: 0o600 });
    zip.end();
    const file = createWriteStream(out, { mode: 0o600 });
    zip.outputStream.pipe(file);
    await finished(file);
    print(`Wrote ${out}: ${Object.keys(files).join(', ')}. Secrets, addresses and ids are left out.`);
    print(`Quick integrity check: ${check.ok ? 'passed' : `found damage (${check.result})`}.`);
    return exitCodes.ok;
  } finally {
    await core.close();
  }
}
