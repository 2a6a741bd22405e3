import type { EventName, FindingRow, StatRange } from '../../../../shared/contract';
import { statRanges } from '../../../../shared/contract/stats';
import { api } from '../../api/client';
import { useLiveQuery, usePagedList } from '../../ui/live-query';

/** What each figure is read again on: the core says when its source changed. */
const onIngest: readonly EventName[] = ['provisioningEvents.ingested'];
const onRun: readonly EventName[] = ['findings.changed'];
const onAnything: readonly EventName[] = [
  'findings.changed',
  'provisioningEvents.ingested',
  'status.changed',
];

export function rangeOf(value: string | undefined): StatRange {
  return (statRanges as readonly string[]).includes(value ?? '') ? (value as StatRange) : '24h';
}

export const useOverviewSummary = () =>
  useLiveQuery('overview.get', (signal) => api.overview.get({}, { signal }), onAnything);

export const useOutcomes = (range: StatRange) =>
  useLiveQuery(`stats.outcomes:${range}`, (signal) => api.stats.outcomes({ range }, { signal }), onIngest);

export const useFailureCauses = (range: StatRange) =>
  useLiveQuery(
    `stats.failureCauses:${range}`,
    (signal) => api.stats.failureCauses({ range }, { signal }),
    onIngest,
  );

export const useFindingsTrend = (range: StatRange) =>
  useLiveQuery(
    `stats.findingsTrend:${range}`,
    (signal) => api.stats.findingsTrend({ range }, { signal }),
    onRun,
  );

/** The findings that appeared or resolved at one run, newest first. */
export const useRunChanges = (runId: number | undefined) =>
  usePagedList<FindingRow>(
    `findings.changes:${runId ?? 'none'}`,
    async (cursor, limit, signal) =>
      runId
        ? api.findings.list(
            { filter: { state: 'all', changedInRun: runId }, limit, ...(cursor ? { cursor } : {}) },
            { signal },
          )
        : { items: [], nextCursor: null },
    onRun,
    20,
  );
