import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { createLogger, fileLogWriter, redactText } from '../../electron/core/log/logger';
import { makeTempDir } from '../helpers/temp-dir';

describe('the redacting logger', () => {
  it('removes known secret values, sensitive fields and bearer tokens', () => {
    const lines: string[] = [];
    const log = createLogger({
      level: 'debug',
      write: (l) => lines.push(l),
      knownSecrets: () => ['s3cr3t-value'],
    });
    log.info('token s3cr3t-value leaked', {
      nested: { note: 'has s3cr3t-value inside', clientSecret: 'anything', list: ['s3cr3t-value'] },
      header: 'Bearer eyJhbGciOiJIUzI1NiJ9.abc.def',
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('s3cr3t-value');
    expect(lines[0]).not.toContain('anything');
    expect(lines[0]).not.toContain('eyJhbGciOiJIUzI1NiJ9');
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      level: 'info',
      nested: { clientSecret: '[redacted]' },
    });
  });

  it('respects the level', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'warn', write: (l) => lines.push(l), knownSecrets: () => [] });
    log.info('quiet');
    log.error('loud');
    expect(lines).toHaveLength(1);
  });

  it('redacts inside plain text too', () => {
    expect(redactText('x=abcd1234 y', ['abcd1234'])).toBe('x=[redacted] y');
  });
});

describe('the log file', () => {
  const line = (time: number, n: number) => JSON.stringify({ time: new Date(time).toISOString(), n });

  it('starts a new file past its size, keeping a few older ones, the oldest dropped', () => {
    const dir = makeTempDir();
    const path = join(dir.path, 'scimwatch.log');
    const now = Date.now();
    const write = fileLogWriter(path, { maxBytes: 1_000, keep: 2, now: () => now });
    for (let n = 0; n < 60; n++) write(line(now, n));
    const files = readdirSync(dir.path).sort();
    expect(files).toEqual(['scimwatch.1.log', 'scimwatch.2.log', 'scimwatch.log']);
    for (const file of files) expect(statSync(join(dir.path, file)).size).toBeLessThan(1_000);
    // Nothing lost between the kept files: the newest lines, in order, without a gap.
    const kept = ['scimwatch.2.log', 'scimwatch.1.log', 'scimwatch.log'].flatMap((f) =>
      readFileSync(join(dir.path, f), 'utf8')
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { n: number }).n),
    );
    expect(kept).toEqual(Array.from({ length: kept.length }, (_, i) => 60 - kept.length + i));
    dir.remove();
  });

  it('starts a new file once the current one is older than its age limit, whatever its size', () => {
    const dir = makeTempDir();
    const path = join(dir.path, 'scimwatch.log');
    let now = Date.now();
    const write = fileLogWriter(path, { maxDays: 7, now: () => now });
    write(line(now, 1));
    now += 6 * 86_400_000;
    write(line(now, 2));
    expect(readdirSync(dir.path)).toEqual(['scimwatch.log']);
    now += 2 * 86_400_000;
    // A new writer (another process, a restart) reads the file's age from its first line.
    fileLogWriter(path, { maxDays: 7, now: () => now })(line(now, 3));
    expect(readdirSync(dir.path).sort()).toEqual(['scimwatch.1.log', 'scimwatch.log']);
    expect(readFileSync(path, 'utf8')).toContain('"n":3');
    dir.remove();
  });
});
