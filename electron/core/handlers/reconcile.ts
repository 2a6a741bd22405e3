import { runRecord, runSnapshot } from '../reconcile/run-snapshot';
import type { HandlerTable } from './context';

/** Reads of past and present reconciliation runs (the reader worker). */
export const reconcileReadHandlers: HandlerTable = {
  'reconcile.get': ({ runId }, { db }) => runSnapshot(db, runId),
  'reconcile.record': ({ runId }, { db }) => runRecord(db, runId),
};
