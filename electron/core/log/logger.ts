import {
  appendFileSync,
  closeSync,
  existsSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';

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

export interface LogRotation {
  /** A file grows to this size, then starts over (default 10 MiB). */
  maxBytes: number;
  /** ...or after this many days, whatever its size (default 7). */
  maxDays: number;
  /** Older files kept beside it: scimwatch.1.log is the newest (default 5). */
  keep: number;
  now: () => number;
}

const defaultRotation: LogRotation = { maxBytes: 10 * 1024 * 1024, maxDays: 7, keep: 5, now: Date.now };

/** scimwatch.log → scimwatch.1.log → … → scimwatch.<keep>.log, the oldest dropped. */
function rotate(path: string, keep: number): void {
  const numbered = (n: number) => path.replace(/\.log$/, `.${n}.log`);
  rmSync(numbered(keep), { force: true });
  for (let n = keep - 1; n >= 1; n--) if (existsSync(numbered(n))) renameSync(numbered(n), numbered(n + 1));
  renameSync(path, numbered(1));
}

/** When the file's first line was written (its "time"); a file in another shape counts as new. */
function startedAt(path: string, fallback: number): number {
  const head = Buffer.alloc(80);
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    readSync(fd, head, 0, 80, 0);
    const time = /"time":"([^"]+)"/.exec(head.toString('utf8'))?.[1];
    return time ? Date.parse(time) : fallback;
  } catch {
    return fallback;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Appends lines to a log file (created readable by its owner only), starting a new file when this
 * one passes its size or age; several processes may share the folder, so sizes are read, not kept.
 */
export function fileLogWriter(path: string, options: Partial<LogRotation> = {}): (line: string) => void {
  const { maxBytes, maxDays, keep, now } = { ...defaultRotation, ...options };
  let started: number | undefined;
  return (line) => {
    const size = statSync(path, { throwIfNoEntry: false })?.size ?? 0;
    if (size > 0) {
      started ??= startedAt(path, now());
      if (size + line.length >= maxBytes || now() - started >= maxDays * 86_400_000) {
        rotate(path, keep);
        started = now();
      }
    } else started = now();
    appendFileSync(path, `${line}\n`, { mode: 0o600 });
  };
}
