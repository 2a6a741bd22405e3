import { failureCauseCounts } from '../stats/failure-causes';
import { findingsTrend } from '../stats/findings-trend';
import { outcomeSeries } from '../stats/outcome-series';
import { overviewSummary } from '../stats/overview-summary';
import type { HandlerTable } from './context';

/** The dashboard's aggregates, from rollups kept at ingest (the reader worker); ranges end now. */
export const statsHandlers: HandlerTable = {
  'overview.get': (_input, { db }) => overviewSummary(db, Date.now()),
  'stats.outcomes': ({ range }, { db }) => outcomeSeries(db, range, Date.now()),
  'stats.failureCauses': ({ range }, { db }) => failureCauseCounts(db, range, Date.now()),
  'stats.findingsTrend': ({ range }, { db }) => findingsTrend(db, range, Date.now()),
};
