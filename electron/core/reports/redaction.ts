import { createHmac, randomBytes } from 'node:crypto';

const email = /[\p{L}\p{N}._%+'#-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
const guid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const percentEncoded = /%[0-9a-f]{2}/i;
const entity = /&(#\d+|#x[0-9a-f]+|amp|lt|gt|quot|apos);/gi;

const entityText = (match: string, body: string): string => {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  const lower = body.toLowerCase();
  if (lower in named) return named[lower] ?? match;
  const code = lower.startsWith('#x')
    ? Number.parseInt(lower.slice(2), 16)
    : Number.parseInt(lower.slice(1), 10);
  return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : match;
};

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The aliases one person or group is known by: ids, UPN, mail, userName, names. */
export type Aliases = (string | null | undefined)[];

/**
 * Replaces names, emails, UPNs and ids with HMAC-SHA256 tokens under a key made for one report: the
 * same person keeps one token across the report (all their aliases share it), and nothing in the
 * output can be turned back without the key, which is never written. Free text is searched for the
 * aliases of the row's own subjects and for anything shaped like an email or an id, after undoing
 * percent-encoding (deep links) and HTML entities (Pulumi's error details), so neither hides one.
 */
export class Redactor {
  private readonly tokens = new Map<string, string>();
  private readonly key: Buffer;

  constructor(key: Buffer = randomBytes(32)) {
    this.key = key;
  }

  /** One token for all of a subject's aliases, derived from the first one given. */
  register(aliases: Aliases, prefix: 'person' | 'group' | 'id' = 'person'): string {
    const present = aliases.filter((a): a is string => typeof a === 'string' && a.trim().length > 0);
    const known = present.map((a) => this.tokens.get(a.toLowerCase())).find(Boolean);
    const token = known ?? this.mint(present[0] ?? '', prefix);
    for (const alias of present) this.tokens.set(alias.toLowerCase(), token);
    return token;
  }

  /** A value that is an identifier whole (a name, an id): its token. */
  value(text: string | null | undefined, prefix: 'person' | 'group' | 'id' = 'person'): string | null {
    if (text === null || text === undefined || text === '') return text ?? null;
    return this.tokens.get(text.toLowerCase()) ?? this.register([text], prefix);
  }

  /** Free text: every alias of the given subjects, and every email or id shape, replaced. */
  text(text: string, subjects: Aliases[] = []): string {
    const aliases = subjects
      .flat()
      .filter((a): a is string => typeof a === 'string' && a.trim().length > 1)
      .sort((a, b) => b.length - a.length);
    // Whole words only: a short name ("Ana") must not eat the middle of another ("Management").
    const pattern = aliases.length
      ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${aliases.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'giu')
      : null;
    const replaceAliases = (value: string) =>
      pattern ? value.replace(pattern, (match) => this.value(match) ?? match) : value;
    // Aliases as written first (a name may itself hold "&amp;"), then in the text decoded.
    let out = replaceAliases(text);
    out = out.replace(entity, entityText);
    if (percentEncoded.test(out)) {
      out = out.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
        try {
          return decodeURIComponent(run);
        } catch {
          return run;
        }
      });
    }
    out = replaceAliases(out);
    out = out.replace(email, (match) => this.value(match) ?? match);
    return out.replace(guid, (match) => this.value(match, 'id') ?? match);
  }

  /** Every string inside a JSON value, keys kept. */
  json(value: unknown, subjects: Aliases[] = []): unknown {
    if (typeof value === 'string') return this.text(value, subjects);
    if (Array.isArray(value)) return value.map((v) => this.json(v, subjects));
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.json(v, subjects)]));
    return value;
  }

  private mint(seed: string, prefix: string): string {
    const digest = createHmac('sha256', this.key).update(seed.toLowerCase()).digest('hex');
    return `${prefix}-${digest.slice(0, 12)}`;
  }
}
