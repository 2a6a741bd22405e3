import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface WrittenFile {
  bytes: number;
  sha256: string;
}

/** A transform that counts and hashes what passes through it. */
export function hashingStream(): Transform & { result(): WrittenFile } {
  const hash = createHash('sha256');
  let bytes = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  return Object.assign(stream, { result: () => ({ bytes, sha256: hash.digest('hex') }) });
}

/**
 * Writes chunks to a file with backpressure (a section of a million rows never sits in memory),
 * and returns the file's size and SHA-256 as written.
 */
export async function writeChunks(
  path: string,
  chunks: Iterable<string | Buffer> | AsyncIterable<string | Buffer> | NodeJS.ReadableStream,
): Promise<WrittenFile> {
  const hashing = hashingStream();
  const source = 'pipe' in chunks ? chunks : Readable.from(chunks);
  await pipeline(source, hashing, createWriteStream(path, { mode: 0o600 }));
  return hashing.result();
}
