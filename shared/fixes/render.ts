import type { Finding } from '../contract/reconcile';
import { isAllowedExternalLink } from '../external-links';
import { fixById, type Fix, type FixAction } from './catalog';
import { docPages, docUrl } from './doc-pages';

/** The two portals that open the same Entra `#view/…` blades. */
export const entraPortals = [
  { name: 'Entra admin center', origin: 'https://entra.microsoft.com/' },
  { name: 'Azure portal', origin: 'https://portal.azure.com/' },
] as const;

/** Values a fix can name besides the finding's own: who and where this profile watches. */
export interface FixContext {
  org?: string | null;
  servicePrincipalId?: string | null;
  appId?: string | null;
  clientId?: string | null;
}

export interface RenderedFix {
  id: string;
  title: string;
  steps: string[];
  docs: { title: string; url: string }[];
  links: { title: string; url: string }[];
  action: FixAction;
}

function describe(value: unknown): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (Array.isArray(value)) return value.map((v) => describe(v) ?? '').join(', ');
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** A placeholder's value: the evidence first, then the finding, then the context. */
function lookup(name: string, finding: Finding, context: FixContext): string | undefined {
  const fromEvidence = describe(finding.evidence[name]);
  if (fromEvidence !== undefined) return fromEvidence;
  if (name === 'displayName' || name === 'entraId' || name === 'scimId') return describe(finding[name]);
  return Object.hasOwn(context, name) ? describe(context[name as keyof FixContext]) : undefined;
}

/** A template with each placeholder filled; "(unknown)" where the finding has no value. */
const fillText = (template: string, finding: Finding, context: FixContext) =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => lookup(name, finding, context) ?? '(unknown)');

/** The fix's title alone, filled (a table's line: rendering whole fixes for thousands of rows is wasted). */
export function renderFixTitle(fixId: string, finding: Finding, context: FixContext = {}): string {
  const fix = fixById(fixId);
  if (!fix) throw new Error(`No fix named ${fixId}`);
  return fillText(fix.title, finding, context);
}

/**
 * Fills a fix with a finding's values. Text placeholders without a value read "(unknown)"; a link
 * whose placeholders cannot all be filled is left out rather than opened half-built.
 */
export function renderFix(fixOrId: Fix | string, finding: Finding, context: FixContext = {}): RenderedFix {
  const fix = typeof fixOrId === 'string' ? fixById(fixOrId) : fixOrId;
  if (!fix) throw new Error(`No fix named ${typeof fixOrId === 'string' ? fixOrId : fixOrId.id}`);
  const text = (template: string) => fillText(template, finding, context);
  const fill = (template: string): string | null => {
    let complete = true;
    const filled = template.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = lookup(name, finding, context);
      if (value === undefined) complete = false;
      return encodeURIComponent(value ?? '');
    });
    return complete ? filled : null;
  };
  const links = fix.links.flatMap((link) => {
    if ('url' in link) {
      const url = fill(link.url);
      return url && isAllowedExternalLink(url) ? [{ title: text(link.title), url }] : [];
    }
    const view = fill(link.entraView);
    if (!view) return [];
    return entraPortals
      .map((portal) => ({ title: `${text(link.title)} (${portal.name})`, url: `${portal.origin}${view}` }))
      .filter((rendered) => isAllowedExternalLink(rendered.url));
  });
  return {
    id: fix.id,
    title: text(fix.title),
    steps: fix.steps.map(text),
    docs: fix.docs.map((id) => ({ title: docPages[id].title, url: docUrl(id) })),
    links,
    action: fix.action,
  };
}
