import { appendFileSync } from 'node:fs';

import type { Settings } from '../../../shared/contract';

export type LogLevel = Settings['logLevel'];
const rank: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };

/** Field names whose values are never written, whatever they hold. */
const sensitiveField = /secret|token|password|passphrase|authorization|cookie|assertion|private.?key/i;
const redacted = '[redacted]';

export interface Logger {
  error(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  debug(message: string, fields?: Record<string, unknown>): void;
  child(scope: string): Logger;
}

export interface LoggerOptions {
  level: LogLevel;
  /** Where finished lines go: a file, stderr, or a test's array. */
  write: (line: string) => void;
  /** Current secret values; asked on every line so newly saved secrets are covered at once. */
  knownSecrets: () => Iterable<string>;
  scope?: string;
}

/** Replaces every known secret value (and bearer-looking tokens) inside a string. */
export function redactText(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const secret of secrets) {
    // Very short values would blank out ordinary words; settings validation keeps secrets longer.
    if (secret.length >= 4) out = out.split(secret).join(redacted);
  }
  return out.replace(/\b(Bearer|token)\s+[A-Za-z0-9._~+/=-]{8,}/gi, `$1 ${redacted}`);
}

function redactValue(value: unknown, secrets: string[], depth = 0): unknown {
  if (typeof value === 'string') return redactText(value, secrets);
  if (value instanceof Error) return redactText(`${value.name}: ${value.message}`, secrets);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, secrets, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      sensitiveField.test(k) ? redacted : redactValue(v, secrets, depth + 1),
    ]),
  );
}

/** A JSON-lines logger that redacts secrets by value and by field name before anything is written. */
export function createLogger(options: LoggerOptions): Logger {
  const emit = (level: LogLevel, message: string, fields?: Record<string, unknown>) => {
    if (rank[level] > rank[options.level]) return;
    const secrets = [...options.knownSecrets()];
    const line = {
      time: new Date().toISOString(),
      level,
      ...(options.scope ? { scope: options.scope } : {}),
      message: redactText(message, secrets),
      ...(fields ? (redactValue(fields, secrets) as object) : {}),
    };
    options.write(JSON.stringify(line));
  };
  return {
    error: (m, f) => emit('error', m, f),
    warn: (m, f) => emit('warn', m, f),
    info: (m, f) => emit('info', m, f),
    debug: (m, f) => emit('debug', m, f),
    child: (scope) =>
      createLogger({ ...options, scope: options.scope ? `${options.scope}.${scope}` : scope }),
  };
}

/** Appends lines to a log file; the file is created readable by its owner only. */
export function fileLogWriter(path: string): (line: string) => void {
  return (line) => appendFileSync(path, `${line}\n`, { mode: 0o600 });
}
