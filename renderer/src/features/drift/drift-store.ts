import type { EventName, FindingSeverity } from '../../../../shared/contract';
import type { FindingKind, FindingKindGroup } from '../../../../shared/finding-kinds';
import { findingSeverities } from '../../../../shared/contract/reconcile';
import { findingKindGroups, findingKinds } from '../../../../shared/finding-kinds';
import { api } from '../../api/client';
import type { RouteParams } from '../../navigation/route-url';
import { useLiveQuery, usePagedList } from '../../ui/live-query';
import { useWindowedRows } from '../../ui/windowed-rows';

const onRun: readonly EventName[] = ['findings.changed'];

export type FindingState = 'open' | 'resolved' | 'all';

/** The Drift page's filters as the URL carries them; unknown values are ignored. */
export interface DriftFilters {
  group: FindingKindGroup | '';
  kind: FindingKind | '';
  severity: FindingSeverity | '';
  state: FindingState;
  q: string;
}

const pick = <T extends string>(allowed: readonly T[], value: string | undefined): T | '' =>
  (allowed as readonly string[]).includes(value ?? '') ? (value as T) : '';

export function driftFilters(params: RouteParams): DriftFilters {
  const state = pick(['open', 'resolved', 'all'] as const, params['state']);
  return {
    group: pick(findingKindGroups, params['group']),
    kind: pick(findingKinds, params['kind']),
    severity: pick(findingSeverities, params['severity']),
    state: state || 'open',
    q: params['q']?.slice(0, 200) ?? '',
  };
}

function listFilter(filters: DriftFilters) {
  return {
    state: filters.state,
    ...(filters.group ? { kindGroup: filters.group } : {}),
    ...(filters.kind ? { kind: filters.kind } : {}),
    ...(filters.severity ? { severity: filters.severity } : {}),
    ...(filters.q.trim() ? { text: filters.q.trim() } : {}),
  };
}

/** Root findings only (symptoms load under their root); most recently seen first. */
export function useFindingRows(filters: DriftFilters) {
  return useWindowedRows(
    `findings:${JSON.stringify(filters)}`,
    (request, signal) =>
      api.findings.list({ ...request, filter: { ...listFilter(filters), roots: true } }, { signal }),
    onRun,
  );
}

export const useSymptoms = (rootKey: string, state: FindingState) =>
  usePagedList(
    `symptoms:${rootKey}:${state}`,
    (cursor, limit, signal) =>
      api.findings.list({ filter: { rootKey, state }, limit, ...(cursor ? { cursor } : {}) }, { signal }),
    onRun,
    50,
  );

export const useFindingDetail = (key: string) =>
  useLiveQuery(`finding:${key}`, (signal) => api.findings.get({ key }, { signal }), onRun);
