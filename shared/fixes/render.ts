import type { Finding } from '../contract/reconcile';
import { isAllowedExternalLink } from '../external-links';
import { fixById, type Fix, type FixAction } from './catalog';

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
  const fromFinding: Record<string, unknown> = {
    displayName: finding.displayName,
    entraId: finding.entraId,
    scimId: finding.scimId,
    ...context,
  };
  return describe(finding.evidence[name]) ?? describe(fromFinding[name]);
}

/**
 * Fills a fix with a finding's values. Text placeholders without a value read "(unknown)"; a link
 * whose placeholders cannot all be filled is left out rather than opened half-built.
 */
export function renderFix(fixOrId: Fix | string, finding: Finding, context: FixContext = {}): RenderedFix {
  const fix = typeof fixOrId === 'string' ? fixById(fixOrId) : fixOrId;
  if (!fix) throw new Error(`No fix named ${typeof fixOrId === 'string' ? fixOrId : fixOrId.id}`);
  const text = (template: string) =>
    template.replace(/\{(\w+)\}/g, (_, name: string) => lookup(name, finding, context) ?? '(unknown)');
  const links = fix.links.flatMap((link) => {
    let complete = true;
    const url = link.url.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = lookup(name, finding, context);
      if (value === undefined) complete = false;
      return encodeURIComponent(value ?? '');
    });
    return complete && isAllowedExternalLink(url) ? [{ title: text(link.title), url }] : [];
  });
  return {
    id: fix.id,
    title: text(fix.title),
    steps: fix.steps.map(text),
    docs: fix.docs,
    links,
    action: fix.action,
  };
}
