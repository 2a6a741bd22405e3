import { describe, expect, it } from 'vitest';

import { createLogger, redactText } from '../../electron/core/log/logger';

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
