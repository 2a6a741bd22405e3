import { createReadStream, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ServerResponse } from 'node:http';

import { reportDownloadPath } from '../../shared/contract';
import type { CoreHost } from '../core/core-host';
import { reportsFolder } from '../core/reports/report-files';

/** URL prefix of a recorded report's file (see reportDownloadPath). */
export const reportDownloadPrefix = reportDownloadPath('');

const contentTypes: Record<string, string> = {
  zip: 'application/zip',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
};

/**
 * Sends one recorded report as an attachment (the request passed the same token check as the API).
 * The file is found by its record, never by a path from the request: a report id that ScimWatch did
 * not write is simply not found. The SHA-256 goes along, so the download can be checked.
 */
export async function sendReport(core: CoreHost, response: ServerResponse, id: string): Promise<boolean> {
  const record = (await core.call('report.list', {})).find((r) => r.id === id && r.state === 'done');
  if (!record?.fileName || !record.sha256) return false;
  const path = join(reportsFolder(core.dataDir, core.activeProfile), record.fileName);
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return false;
  }
  const extension = record.fileName.slice(record.fileName.lastIndexOf('.') + 1);
  response.writeHead(200, {
    'Content-Type': contentTypes[extension] ?? 'application/octet-stream',
    'Content-Length': String(size),
    'Content-Disposition': `attachment; filename="${record.fileName}"`,
    'Cache-Control': 'no-store',
    'Repr-Digest': `sha-256=:${Buffer.from(record.sha256, 'hex').toString('base64')}:`,
  });
  await new Promise<void>((resolve, reject) => {
    createReadStream(path).on('error', reject).pipe(response).on('finish', resolve).on('error', reject);
  });
  return true;
}
