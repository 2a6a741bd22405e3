import { Readable } from 'node:stream';

import { stringify } from 'csv-stringify';
import { ZipFile } from 'yazl';

import type { ReportSection } from '../../../../shared/contract';
import type { ReportData } from '../report-data';
import { hashingStream, writeChunks, type WrittenFile } from './file-sink';
import { headerRows, sectionTables, type SectionTable } from './section-tables';

/**
 * A cell as a spreadsheet will read it: numbers stay numbers; text that a spreadsheet would take for a
 * formula (starting with =, +, -, @, tab or carriage return) is prefixed with an apostrophe, so a name
 * from the directory can never run as one.
 */
export function csvCell(value: unknown): string | number {
  if (typeof value === 'number') return value;
  if (value === null || value === undefined) return '';
  const text =
    typeof value === 'string' ? value : typeof value === 'boolean' ? String(value) : JSON.stringify(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** One section as an RFC 4180 CSV stream: UTF-8 with a BOM, CRLF line ends, quoted where needed. */
function csvStream(table: SectionTable): Readable {
  const stringifier = stringify({ bom: true, record_delimiter: 'windows', header: false });
  Readable.from(
    (function* () {
      yield table.columns;
      for (const row of table.rows()) yield row.map(csvCell);
    })(),
  ).pipe(stringifier);
  return stringifier;
}

/**
 * CSV: one file per section in a zip, each hashed as it is written and listed with its SHA-256 in
 * `integrity.csv`; or, with `section`, that one section as a bare CSV file.
 */
export async function writeCsv(
  data: ReportData,
  path: string,
  section?: ReportSection,
): Promise<WrittenFile> {
  const tables = sectionTables(data);
  if (section) return writeChunks(path, csvStream(tables[section]));
  const zip = new ZipFile();
  const written = writeChunks(path, zip.outputStream);
  const hashes: [string, string, number][] = [];
  const add = async (name: string, source: Readable) => {
    const hashing = hashingStream();
    const ended = new Promise<void>((resolve, reject) => {
      hashing.on('end', resolve).on('error', reject);
      source.on('error', reject);
    });
    zip.addReadStream(source.pipe(hashing), name, { mtime: new Date(data.header.generatedAt) });
    await ended;
    const { sha256, bytes } = hashing.result();
    hashes.push([name, sha256, bytes]);
  };
  await add('header.csv', csvStream({ columns: ['field', 'value'], rows: () => headerRows(data.header) }));
  for (const [name, table] of Object.entries(tables)) await add(`${name}.csv`, csvStream(table));
  zip.addBuffer(
    await new Promise<Buffer>((resolve, reject) =>
      stringify(
        [['file', 'sha256', 'bytes'], ...hashes],
        { bom: true, record_delimiter: 'windows' },
        (error, out) => (error ? reject(error) : resolve(Buffer.from(out))),
      ),
    ),
    'integrity.csv',
    { mtime: new Date(data.header.generatedAt) },
  );
  zip.end();
  return written;
}
