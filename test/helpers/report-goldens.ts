import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type Database from 'better-sqlite3';
import { unzipSync } from 'fflate';

import type { ReportOptions } from '../../shared/contract';
import { readReportData } from '../../electron/core/reports/report-data';
import { writeCsv } from '../../electron/core/reports/writers/csv-writer';
import { chromiumPdfPrinter } from '../../electron/core/host/pdf-printer';
import { renderHtml, writeHtml } from '../../electron/core/reports/writers/html-writer';
import { writeJson } from '../../electron/core/reports/writers/json-writer';
import { openStore } from '../../electron/core/store/open-database';

/** The goldens' fixed inputs: the scenario's store, a clock, a period and a redaction key. */
export const goldenFixture = 'test/fixtures/db/report-scenario.sqlite';
export const goldenFolder = 'test/fixtures/reports';
const context = {
  version: '0.1.0',
  settings: {
    pulumiOrg: 'contoso',
    tenantId: '11111111-2222-4333-8444-555555555555',
    servicePrincipalId: '66666666-7777-4888-8999-000000000000',
    jobId: 'scim.golden',
  },
  redactionKey: Buffer.alloc(32, 7),
};
const hourMs = 3_600_000;

/** The clock and period come from the fixture itself: its last run ends the period, written an hour later. */
function fixedFrame(db: Database.Database) {
  const lastRun = db.prepare('SELECT max(finished_at) FROM reconciliation_runs').pluck().get() as string;
  const end = Date.parse(lastRun);
  return {
    now: new Date(end + hourMs).toISOString(),
    period: { since: new Date(end - 48 * hourMs).toISOString(), until: lastRun },
  };
}

/**
 * Writes the golden reports of the fixed scenario into `dir` and returns them by golden file name:
 * every CSV of the zip, the JSON and the HTML, plain and redacted. The test compares them with the
 * committed goldens; `make-report-goldens.ts` alone writes those.
 */
export async function goldenReports(dir: string): Promise<Record<string, Buffer>> {
  const copy = join(dir, 'scenario.sqlite');
  copyFileSync(goldenFixture, copy);
  const { db } = openStore(copy);
  const out: Record<string, Buffer> = {};
  try {
    const { now, period } = fixedFrame(db);
    const fixed = { ...context, now };
    for (const redact of [false, true]) {
      const suffix = redact ? '-redacted' : '';
      const options = (format: ReportOptions['format']): ReportOptions => ({
        format,
        ...period,
        includeResolved: true,
        ...(redact ? { redact } : {}),
      });
      const zip = join(dir, `report${suffix}.zip`);
      await writeCsv(readReportData(db, options('csv'), fixed), zip);
      for (const [name, bytes] of Object.entries(unzipSync(readFileSync(zip))))
        out[`csv${suffix}/${name}`] = Buffer.from(bytes);
      await writeJson(readReportData(db, options('json'), fixed), join(dir, `report${suffix}.json`));
      out[`report${suffix}.json`] = readFileSync(join(dir, `report${suffix}.json`));
      await writeHtml(readReportData(db, options('html'), fixed), join(dir, `report${suffix}.html`));
      out[`report${suffix}.html`] = readFileSync(join(dir, `report${suffix}.html`));
      // The PDF by its text: the HTML printed by Chromium, read back by poppler, whitespace folded.
      const pdf = join(dir, `report${suffix}.pdf`);
      writeFileSync(pdf, await chromiumPdfPrinter(renderHtml(readReportData(db, options('pdf'), fixed))));
      out[`report${suffix}.pdf.txt`] = Buffer.from(`${pdfText(pdf)}\n`);
    }
  } finally {
    db.close();
  }
  return out;
}

/** A PDF's text as poppler extracts it, with every run of whitespace folded to one space. */
export function pdfText(path: string, pages?: { first: number; last: number }): string {
  const range = pages ? ['-f', String(pages.first), '-l', String(pages.last)] : [];
  return execFileSync('pdftotext', [...range, path, '-'], { encoding: 'utf8' })
    .replace(/\s+/g, ' ')
    .trim();
}

/** How many pages a PDF has, as poppler reads it. */
export function pdfPages(path: string): number {
  const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? Number.NaN);
}
