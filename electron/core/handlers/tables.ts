import { currentSettings } from '../context';
import { eventDetail } from '../tables/event-detail';
import { eventPage } from '../tables/event-rows';
import { findingDetail } from '../tables/finding-detail';
import { findingPage } from '../tables/finding-rows';
import type { HandlerTable } from './context';

/** Paged reads of the history tables and their rows whole, answered by the query worker. */
export const tableHandlers: HandlerTable = {
  'provisioningEvents.list': (input, { db }) => eventPage(db, input),
  'findings.list': (input, { db }) => findingPage(db, input),
  'provisioningEvents.get': ({ id }, context) => eventDetail(context.db, id, currentSettings(context)),
  'findings.get': ({ key }, context) => findingDetail(context.db, key, currentSettings(context)),
};
