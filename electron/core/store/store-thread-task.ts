import type { CheckKind } from './integrity-check';

/** What the store's thread (workers/store-thread-worker.ts) is asked to do, and on which file. */
export type StoreThreadTask =
  | { task: 'check'; kind: CheckKind; path: string; nativeBinding: string | null }
  | { task: 'copy'; path: string; nativeBinding: string | null };
