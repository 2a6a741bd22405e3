import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface Artifact {
  name: string;
  content: string | Buffer;
}

export interface Leak {
  secret: string;
  artifact: string;
  form: string;
}

/** The shapes a secret may take on its way out: as is, base64, URL-encoded, JSON-escaped. */
function formsOf(secret: string): [string, Buffer][] {
  const forms: [string, string | Buffer][] = [
    ['plain', secret],
    ['base64', Buffer.from(secret).toString('base64')],
    ['url-encoded', encodeURIComponent(secret)],
    ['utf-16', Buffer.from(secret, 'utf16le')],
  ];
  // Forms identical to the plain one (a secret with no characters to encode) would report one leak twice.
  return forms
    .map(([form, value]): [string, Buffer] => [form, Buffer.from(value)])
    .filter(([form, value], _i, all) => form === 'plain' || !value.equals(all[0]?.[1] ?? Buffer.alloc(0)));
}

/** Every place a planted secret appears, in any of its forms. */
export function findLeaks(secrets: Record<string, string>, artifacts: Artifact[]): Leak[] {
  const leaks: Leak[] = [];
  for (const [label, secret] of Object.entries(secrets)) {
    for (const artifact of artifacts) {
      const bytes = typeof artifact.content === 'string' ? Buffer.from(artifact.content) : artifact.content;
      for (const [form, needle] of formsOf(secret)) {
        if (bytes.includes(needle)) leaks.push({ secret: label, artifact: artifact.name, form });
      }
    }
  }
  return leaks;
}

/** Every file under a folder (database, WAL, logs, locks, reports), except those named in `except`. */
export function filesUnder(
  root: string,
  except: (relativePath: string) => boolean = () => false,
): Artifact[] {
  const out: Artifact[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (!except(relative(root, path)))
        out.push({ name: relative(root, path), content: readFileSync(path) });
    }
  };
  walk(root);
  return out;
}
