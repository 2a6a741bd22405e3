import type { FindingKind } from '../finding-kinds';
import { docUrl, docPages, type DocPageId } from './doc-pages';
import { fixFiles } from './fix-files';

/** The part of a fix file the checklist reads; the catalog validates the files (in tests first). */
interface FixFile {
  appliesTo: { kinds: FindingKind[] };
  docs: DocPageId[];
}

/**
 * The page of the guide a checklist step follows (its fix's first document), read from the fix files
 * as data, so the dashboard shows it without loading the catalog's validation.
 */
export function guideDocFor(kind: FindingKind): { title: string; url: string } | undefined {
  const fix = (fixFiles as FixFile[]).find((file) => file.appliesTo.kinds.includes(kind));
  const id = fix?.docs[0];
  return id ? { title: docPages[id].title, url: docUrl(id) } : undefined;
}
