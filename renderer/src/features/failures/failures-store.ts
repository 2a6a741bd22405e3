import type { EventName, ProvisioningStatus, StatRange } from '../../../../shared/contract';
import { failureCauses, type FailureCause } from '../../../../shared/finding-kinds';
import { provisioningStatuses } from '../../../../shared/contract/rows';
import { statRanges } from '../../../../shared/contract/stats';
import { api } from '../../api/client';
import type { RouteParams } from '../../navigation/route-url';
import { useLiveQuery } from '../../ui/live-query';
import { useWindowedRows } from '../../ui/windowed-rows';

const onIngest: readonly EventName[] = ['provisioningEvents.ingested'];
const rangeMs: Record<Exclude<StatRange, 'all'>, number> = {
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
  '30d': 30 * 86_400_000,
};

/** The Failures page's filters, as the URL carries them; unknown values are ignored, not trusted. */
export interface FailureFilters {
  status: ProvisioningStatus | '';
  cause: FailureCause | '';
  action: string;
  type: string;
  range: StatRange | '';
  /** An exact window (a chart's bucket), instead of a range ending now. */
  since: string;
  until: string;
  q: string;
}

const isoTime = (value: string | undefined) =>
  value && !Number.isNaN(Date.parse(value)) ? new Date(value).toISOString() : '';

const pick = <T extends string>(allowed: readonly T[], value: string | undefined): T | '' =>
  (allowed as readonly string[]).includes(value ?? '') ? (value as T) : '';

export function failureFilters(params: RouteParams): FailureFilters {
  return {
    status: pick(provisioningStatuses, params['status']),
    cause: pick(failureCauses, params['cause']),
    action: params['action']?.slice(0, 50) ?? '',
    type: params['type']?.slice(0, 50) ?? '',
    range: pick(statRanges, params['range']),
    since: isoTime(params['since']),
    until: isoTime(params['until']),
    q: params['q']?.slice(0, 200) ?? '',
  };
}

/** The list filter the contract takes; the time range ends now, like the Overview's. */
function listFilter(filters: FailureFilters, now: number) {
  return {
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.cause ? { cause: filters.cause } : {}),
    ...(filters.action ? { action: filters.action } : {}),
    ...(filters.type ? { identityType: filters.type } : {}),
    ...(filters.range && filters.range !== 'all'
      ? { since: new Date(now - rangeMs[filters.range]).toISOString() }
      : {}),
    ...(filters.since && !filters.range ? { since: filters.since } : {}),
    ...(filters.until && !filters.range ? { until: filters.until } : {}),
    ...(filters.q.trim() ? { text: filters.q } : {}),
  };
}

export function useEventRows(filters: FailureFilters) {
  const key = JSON.stringify(filters);
  return useWindowedRows(
    `events:${key}`,
    (request, signal) =>
      api.provisioningEvents.list({ ...request, filter: listFilter(filters, Date.now()) }, { signal }),
    onIngest,
  );
}

export const useEventDetail = (id: string) =>
  useLiveQuery(`event:${id}`, (signal) => api.provisioningEvents.get({ id }, { signal }), [
    'findings.changed',
  ]);
