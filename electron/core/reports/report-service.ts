import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

import type { ReportOptions, ReportRecord } from '../../../shared/contract';
import { currentSettings, type CoreContext } from '../context';
import { openReadOnlyStore } from '../store/open-database';
import { reportsRepo } from '../store/reports-repo';
import { reportsFolder } from './report-files';
import { readReportData, type ReportContext, type ReportData } from './report-data';
import { writeCsv } from './writers/csv-writer';
import { writeChunks, type WrittenFile } from './writers/file-sink';
import { renderHtml, writeHtml } from './writers/html-writer';
import { writeJson } from './writers/json-writer';

export interface CreateReportRequest {
  options: ReportOptions;
  /** Where to write (the CLI's --out); the profile's reports folder otherwise. */
  out?: string | undefined;
  /** Fixed only by the goldens. */
  now?: string;
  /** Who the history names: the acting person by default, or the daily schedule. */
  createdBy?: string;
  redactionKey?: Buffer;
}

const extension = (options: ReportOptions) =>
  options.format === 'csv' ? (options.section ? 'csv' : 'zip') : options.format;

/** The report in its format; PDF is the HTML printed by the host's browser (Electron or Chromium). */
async function writeFormat(
  context: CoreContext,
  data: ReportData,
  options: ReportOptions,
  path: string,
  progress: (phase: string, percent: number) => void,
): Promise<WrittenFile> {
  switch (options.format) {
    case 'csv':
      return writeCsv(data, path, options.section);
    case 'json':
      return writeJson(data, path);
    case 'html':
      return writeHtml(data, path);
    case 'pdf': {
      const html = renderHtml(data);
      progress('printing', 60);
      return writeChunks(path, [Buffer.from(await context.host.printPdf(html))]);
    }
  }
}

/**
 * Writes one report: recorded as `writing`, read from a read-only connection of its own in one read
 * transaction (every section sees the same moment, and the writer's connection stays free for
 * polling), written to a temporary name and renamed when whole, then recorded with its SHA-256. A
 * `<file>.sha256` beside it lets anyone check the file with `sha256sum -c`.
 */
export async function createReport(
  context: CoreContext,
  request: CreateReportRequest,
): Promise<ReportRecord> {
  const { options } = request;
  const now = request.now ?? new Date().toISOString();
  const id = `${now.replace(/[-:.]/g, '').slice(0, 15)}-${randomBytes(4).toString('hex')}`;
  const path =
    request.out ??
    join(
      reportsFolder(context.config.dataDir, context.config.profile),
      `scimwatch-report-${id}.${extension(options)}`,
    );
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  reportsRepo.start(context.db, {
    id,
    createdAt: now,
    createdBy: request.createdBy ?? context.config.actor,
    options,
  });
  const progress = (phase: string, percent: number) =>
    context.emit('report.progress', { reportId: id, phase, percent });
  const partial = `${path}.partial`;
  const reader = openReadOnlyStore(context.config.databasePath, context.config.nativeBinding ?? undefined);
  try {
    progress('reading', 5);
    reader.exec('BEGIN');
    const reportContext: ReportContext = {
      now,
      version: context.config.version,
      settings: currentSettings(context),
      ...(request.redactionKey ? { redactionKey: request.redactionKey } : {}),
    };
    const data = readReportData(reader, options, reportContext);
    progress('writing', 20);
    const written = await writeFormat(context, data, options, partial, progress);
    reader.exec('COMMIT');
    renameSync(partial, path);
    writeFileSync(`${path}.sha256`, `${written.sha256}  ${basename(path)}\n`, { mode: 0o600 });
    reportsRepo.finish(context.db, id, {
      runId: data.header.run?.id ?? null,
      path,
      ...written,
      at: new Date().toISOString(),
    });
    progress('done', 100);
    const record = reportsRepo.get(context.db, id);
    if (!record) throw new Error(`Report ${id} vanished from the store.`);
    const { path: _path, ...rest } = record;
    return rest;
  } catch (error) {
    rmSync(partial, { force: true });
    const message = error instanceof Error ? error.message : String(error);
    reportsRepo.fail(context.db, id, message, new Date().toISOString());
    progress('failed', 100);
    throw error;
  } finally {
    reader.close();
  }
}
