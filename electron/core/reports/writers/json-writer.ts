import { createHash } from 'node:crypto';

import { reportSchemaVersion } from '../../../../shared/contract';
import type { ReportData } from '../report-data';
import { writeChunks, type WrittenFile } from './file-sink';

/** Rows per chunk handed to the file: large enough to write efficiently, small enough to stream. */
const rowsPerChunk = 500;

function* array(rows: Iterable<unknown>): Generator<string> {
  let chunk: string[] = [];
  let first = true;
  yield '[';
  for (const row of rows) {
    chunk.push(`${first ? '' : ','}\n${JSON.stringify(row)}`);
    first = false;
    if (chunk.length === rowsPerChunk) {
      yield chunk.join('');
      chunk = [];
    }
  }
  yield `${chunk.join('')}${first ? '' : '\n'}]`;
}

/**
 * JSON (schema in resources/report.schema.json), written as a stream. Its last member, `integrity`,
 * holds the SHA-256 of every byte before it (from `{` up to the comma ahead of `"integrity"`), so
 * the document vouches for itself and a reader can check it without ScimWatch.
 */
export async function writeJson(data: ReportData, path: string): Promise<WrittenFile> {
  const hash = createHash('sha256');
  function* document(): Generator<string> {
    const parts: [string, () => Iterable<string>][] = [
      ['header', () => [JSON.stringify(data.header)]],
      ['coverage', () => [JSON.stringify(data.coverage)]],
      ['summary', () => [JSON.stringify(data.summary)]],
      ['checklist', () => [JSON.stringify(data.checklist)]],
      ['outcomes', () => [JSON.stringify(data.outcomes)]],
      ['findings', () => array(data.findings())],
      ['teamExceptions', () => array(data.teamExceptions())],
      ['actions', () => array(data.actions())],
    ];
    const emit = (text: string) => {
      hash.update(text);
      return text;
    };
    yield emit(`{"schemaVersion":${reportSchemaVersion}`);
    for (const [name, part] of parts) {
      yield emit(`,\n"${name}":`);
      for (const text of part()) yield emit(text);
    }
    yield `,\n"integrity":${JSON.stringify({ algorithm: 'sha256', covers: 'every byte before the comma ahead of "integrity"', sha256: hash.digest('hex') })}}\n`;
  }
  return writeChunks(path, document());
}
