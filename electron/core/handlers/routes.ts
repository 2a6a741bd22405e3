import type { MethodName } from '../../../shared/contract';
import type { HandlerTable } from './context';
import { pendingHandlers } from './pending';
import { profileHandlers } from './profiles';
import { reconcileReadHandlers } from './reconcile';
import { readSettingsHandlers, writeSettingsHandlers } from './settings';
import { statusHandlers } from './status';
import { syncHandlers } from './sync';
import { tableHandlers } from './tables';

/**
 * Where each contract method runs. Reads go to the query worker (WAL reader), so they never wait
 * behind a long write; writes go to the single writer; profile switching is the host's own job,
 * since it restarts both workers.
 */
export const methodRoutes: Record<MethodName, 'reader' | 'writer' | 'host'> = {
  'app.status': 'reader',
  'settings.get': 'reader',
  'settings.update': 'writer',
  'profiles.list': 'reader',
  'profiles.select': 'host',
  'profiles.create': 'host',
  'provisioningEvents.list': 'reader',
  'findings.list': 'reader',
  'connection.test': 'writer',
  'sync.run': 'writer',
  'reconcile.run': 'writer',
  'reconcile.get': 'reader',
  'retry.run': 'writer',
  'report.create': 'writer',
};

export const readerHandlers: HandlerTable = {
  ...statusHandlers,
  ...readSettingsHandlers,
  ...profileHandlers,
  ...tableHandlers,
  ...reconcileReadHandlers,
};

export const writerHandlers: HandlerTable = {
  ...writeSettingsHandlers,
  ...syncHandlers,
  ...pendingHandlers,
};
