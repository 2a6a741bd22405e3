import type { MethodName } from '../../../shared/contract';

/**
 * Where each contract method runs. Reads go to the query worker (WAL reader), so they never wait
 * behind a long write; writes go to the single writer; profile switching is the host's own job,
 * since it restarts both workers. Kept apart from the handler tables, so the host loads no handler.
 */
export const methodRoutes: Record<MethodName, 'reader' | 'writer' | 'host'> = {
  'app.status': 'reader',
  'settings.get': 'reader',
  'settings.update': 'writer',
  'profiles.list': 'reader',
  'profiles.select': 'host',
  'profiles.create': 'host',
  'provisioningEvents.list': 'reader',
  'provisioningEvents.get': 'reader',
  'findings.list': 'reader',
  'findings.get': 'reader',
  'overview.get': 'reader',
  'stats.outcomes': 'reader',
  'stats.failureCauses': 'reader',
  'stats.findingsTrend': 'reader',
  'connection.test': 'writer',
  'sync.run': 'writer',
  'reconcile.run': 'writer',
  'reconcile.get': 'reader',
  'reconcile.record': 'reader',
  'retry.run': 'writer',
  'retry.control': 'writer',
  'retry.resend': 'writer',
  'retry.status': 'reader',
  'job.run': 'writer',
  'actions.list': 'reader',
  'actions.get': 'reader',
  'lookup.find': 'reader',
  'lookup.explain': 'reader',
  'lookup.group': 'reader',
  'lookup.nested': 'writer',
  'report.create': 'writer',
  'report.list': 'reader',
  'report.preview': 'reader',
  'store.check': 'writer',
  'store.info': 'reader',
};
