/**
 * Writes one report from an existing ScimWatch database, in a process of its own so its peak memory is
 * its own: `node scripts/run-ts.mjs bench/report-probe.ts <db> <format> <out>`. Prints one JSON line:
 * the time from opening the database to the file's last byte, its size, and the process's peak RSS.
 */
import { chromiumPdfPrinter } from '../electron/core/host/pdf-printer';
import { readReportData } from '../electron/core/reports/report-data';
import { writeCsv } from '../electron/core/reports/writers/csv-writer';
import { writeChunks } from '../electron/core/reports/writers/file-sink';
import { renderHtml, writeHtml } from '../electron/core/reports/writers/html-writer';
import { writeJson } from '../electron/core/reports/writers/json-writer';
import { openReadOnlyStore } from '../electron/core/store/open-database';
import { reportFormats, type ReportFormat } from '../shared/contract';

const [path, format, out] = process.argv.slice(2) as [string, ReportFormat, string];
if (!path || !out || !reportFormats.includes(format))
  throw new Error('usage: report-probe <db> <format> <out>');
const rssAtStartBytes = process.memoryUsage().rss;
const started = performance.now();
const db = openReadOnlyStore(path);
db.exec('BEGIN');
const data = readReportData(
  db,
  { format, includeResolved: true },
  { now: new Date().toISOString(), version: 'bench', settings: { pulumiOrg: 'scale' } },
);
const written =
  format === 'csv'
    ? await writeCsv(data, out)
    : format === 'json'
      ? await writeJson(data, out)
      : format === 'html'
        ? await writeHtml(data, out)
        : await writeChunks(out, [Buffer.from(await chromiumPdfPrinter(renderHtml(data)))]);
db.exec('COMMIT');
db.close();
console.log(
  JSON.stringify({
    ms: performance.now() - started,
    bytes: written.bytes,
    findings: data.summary.findings.open,
    rssAtStartBytes,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  }),
);
