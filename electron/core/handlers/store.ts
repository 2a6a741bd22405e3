import { buildStoreInfo } from '../maintenance/store-status';
import type { HandlerTable } from './context';

/** The database itself: checked by the writer (on a thread of its own), described by the query worker. */
export const storeWriteHandlers: HandlerTable = {
  'store.check': ({ kind }, context) => context.maintenance().check(kind),
};

export const storeReadHandlers: HandlerTable = {
  'store.info': (_input, context) => buildStoreInfo(context),
};
