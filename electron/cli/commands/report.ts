import { copyFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

import { reportOptionsSchema, type ReportOptions } from '../../../shared/contract';
import { CoreHost } from '../../core/core-host';
import { reportsFolder } from '../../core/reports/report-files';
import { exitCodes } from '../exit-codes';
import { print } from '../output';

interface ReportFlags {
  format: string | undefined;
  out: string | undefined;
  run: string | undefined;
  since: string | undefined;
  until: string | undefined;
  minSeverity: string | undefined;
  includeResolved: boolean;
  redact: boolean;
  section: string | undefined;
}

/** A date as typed: a day (the whole day, UTC) or an ISO time with its offset. */
function isoTime(raw: string | undefined, end: boolean, flag: string): string | undefined {
  if (raw === undefined) return undefined;
  const day = /^\d{4}-\d{2}-\d{2}$/.test(raw);
  const time = Date.parse(day ? `${raw}T${end ? '23:59:59.999' : '00:00:00.000'}Z` : raw);
  if (Number.isNaN(time)) throw new Error(`${flag} takes a date (2026-12-01) or an ISO time, not "${raw}".`);
  return new Date(time).toISOString();
}

/** The flags as report options, checked by the same schema the API uses. */
export function reportOptions(flags: ReportFlags): ReportOptions {
  if (flags.section && flags.format !== 'csv') throw new Error('--section is for --format csv only.');
  const runId = flags.run === undefined ? undefined : Number(flags.run);
  const parsed = reportOptionsSchema.safeParse({
    format: flags.format,
    ...(runId !== undefined ? { runId } : {}),
    ...(flags.since ? { since: isoTime(flags.since, false, '--since') } : {}),
    ...(flags.until ? { until: isoTime(flags.until, true, '--until') } : {}),
    ...(flags.minSeverity ? { minSeverity: flags.minSeverity } : {}),
    ...(flags.includeResolved ? { includeResolved: true } : {}),
    ...(flags.redact ? { redact: true } : {}),
    ...(flags.section ? { section: flags.section } : {}),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const flag = { format: '--format', runId: '--run', minSeverity: '--min-severity', section: '--section' }[
      String(issue?.path[0]) as 'format'
    ];
    throw new Error(
      `${flag ?? String(issue?.path[0])}: ${issue?.message ?? 'invalid'}. See scimwatch --help.`,
    );
  }
  return parsed.data;
}

/**
 * `scimwatch report --format csv|json|html --out PATH [...]`: the core writes the report into the
 * profile's reports folder (so it is in ScimWatch's history, with its hash); it is then copied to
 * --out with its `.sha256` beside it.
 */
export async function reportCommand(flags: ReportFlags): Promise<number> {
  if (!flags.out) throw new Error('Say where to write the report: --out PATH.');
  const options = reportOptions(flags);
  const out = resolve(flags.out);
  const core = await CoreHost.start({ hostKind: 'cli', oneShot: true });
  try {
    const record = await core.call('report.create', options);
    if (!record.fileName || !record.sha256) throw new Error('The report was not written.');
    copyFileSync(join(reportsFolder(core.dataDir, core.activeProfile), record.fileName), out);
    writeFileSync(`${out}.sha256`, `${record.sha256}  ${basename(out)}\n`);
    print(
      `Wrote ${out} (${record.bytes ?? 0} bytes, SHA-256 ${record.sha256}), as of run ${record.runId ?? 'none'}.`,
    );
    return exitCodes.ok;
  } finally {
    await core.close();
  }
}
