import { useSyncExternalStore } from 'react';

import { isPageId, type PageId } from './pages';

/** The page lives in the URL hash (#/drift), so reloads and the back button keep working. */
function read(): PageId {
  const id = window.location.hash.replace(/^#\/?/, '');
  return isPageId(id) ? id : 'overview';
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): PageId {
  return useSyncExternalStore(subscribe, read);
}

export function navigate(page: PageId): void {
  window.location.hash = `#/${page}`;
}
