import { actionReadHandlers, actionWriteHandlers } from './actions';
import type { HandlerTable } from './context';
import { lookupHandlers, lookupWriteHandlers } from './lookup';
import { profileHandlers } from './profiles';
import { reportReadHandlers, reportWriteHandlers } from './reports';
import { reconcileReadHandlers } from './reconcile';
import { readSettingsHandlers, writeSettingsHandlers } from './settings';
import { statsHandlers } from './stats';
import { statusHandlers } from './status';
import { storeReadHandlers, storeWriteHandlers } from './store';
import { syncHandlers } from './sync';
import { tableHandlers } from './tables';

/** The handlers each worker serves (see method-routes.ts for where each method goes). */
export const readerHandlers: HandlerTable = {
  ...statusHandlers,
  ...readSettingsHandlers,
  ...profileHandlers,
  ...tableHandlers,
  ...reconcileReadHandlers,
  ...statsHandlers,
  ...actionReadHandlers,
  ...lookupHandlers,
  ...reportReadHandlers,
  ...storeReadHandlers,
};

export const writerHandlers: HandlerTable = {
  ...writeSettingsHandlers,
  ...syncHandlers,
  ...actionWriteHandlers,
  ...lookupWriteHandlers,
  ...reportWriteHandlers,
  ...storeWriteHandlers,
};
