import * as z from 'zod';

import { isAllowedExternalLink } from '../external-links';
import { failureCauses, findingKinds, type FailureCause, type FindingKind } from '../finding-kinds';
import { docPageIds } from './doc-pages';
import { fixFiles } from './fix-files';

export const fixActions = ['retry', 'restart_job', 'open_portal', 'none'] as const;
export type FixAction = (typeof fixActions)[number];

// A link template may hold placeholders; only its fixed part can be checked before rendering.
const linkTemplate = z.string().refine((url) => isAllowedExternalLink(url.replace(/\{\w+\}/g, 'x')), {
  message: 'links go to allowlisted https hosts only',
});

const fixSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string().min(1),
  appliesTo: z.strictObject({
    kinds: z.array(z.enum(findingKinds)),
    causes: z.array(z.enum(failureCauses)),
  }),
  steps: z.array(z.string().min(1)).min(2, 'a fix has at least two steps'),
  /** Pages from the one table of documentation addresses (doc-pages.ts), never a URL of their own. */
  docs: z.array(z.enum(docPageIds)).min(1),
  /**
   * Pulumi console links by URL; Entra admin center links by their `#view/…` path, which both portals
   * (entra.microsoft.com and portal.azure.com) open, so each renders once per portal.
   */
  links: z.array(
    z.union([
      z.strictObject({ title: z.string().min(1), url: linkTemplate }),
      z.strictObject({ title: z.string().min(1), entraView: z.string().regex(/^#view\/[\w./~{}-]+$/) }),
    ]),
  ),
  action: z.enum(fixActions),
});

/** One guided fix: data from resources/fixes, rendered per finding. */
export type Fix = z.infer<typeof fixSchema>;

/** Every fix, validated once when first used (a malformed file fails loudly, in tests first). */
export const fixes: readonly Fix[] = fixFiles.map((file) => fixSchema.parse(file));

const byKind = new Map<FindingKind, Fix>();
const byCause = new Map<FailureCause, Fix>();
for (const fix of fixes) {
  for (const kind of fix.appliesTo.kinds) byKind.set(kind, fix);
  for (const cause of fix.appliesTo.causes) byCause.set(cause, fix);
}

/** The fix for a finding: a failure's by its cause, anything else by its kind. */
export function fixFor(kind: FindingKind, cause?: FailureCause): Fix | undefined {
  return (cause ? byCause.get(cause) : undefined) ?? byKind.get(kind);
}

/** The fix id a finding carries ('none' only if the catalog lacks one, which a test forbids). */
export function fixIdFor(kind: FindingKind, cause?: FailureCause): string {
  return fixFor(kind, cause)?.id ?? 'none';
}

export function fixById(id: string): Fix | undefined {
  return fixes.find((fix) => fix.id === id);
}
