import type { ActionKind, ActionState, EventName, InputOf } from '../../../../shared/contract';
import { actionKinds, actionStates } from '../../../../shared/contract/actions';
import { api } from '../../api/client';
import type { RouteParams } from '../../navigation/route-url';
import { useLiveQuery } from '../../ui/live-query';
import { useWindowedRows } from '../../ui/windowed-rows';

const onAction: readonly EventName[] = ['actions.changed'];

/** The Actions page's filters, as the URL carries them; unknown values are ignored. */
export interface ActionFilters {
  kind: ActionKind | '';
  state: ActionState | '';
  batch: string;
}

const pick = <T extends string>(allowed: readonly T[], value: string | undefined): T | '' =>
  (allowed as readonly string[]).includes(value ?? '') ? (value as T) : '';

export function actionFilters(params: RouteParams): ActionFilters {
  const batch = params['batch'] ?? '';
  return {
    kind: pick(actionKinds, params['kind']),
    state: pick(actionStates, params['state']),
    batch: /^\d{1,12}$/.test(batch) ? batch : '',
  };
}

function listFilter(filters: ActionFilters): NonNullable<InputOf<'actions.list'>['filter']> {
  return {
    ...(filters.kind ? { kind: filters.kind } : {}),
    ...(filters.state ? { state: filters.state } : {}),
    ...(filters.batch ? { batchId: Number(filters.batch) } : {}),
  };
}

/** The audit trail, newest first, live. */
export function useActionRows(filters: ActionFilters) {
  return useWindowedRows(
    `actions:${JSON.stringify(filters)}`,
    (request, signal) => api.actions.list({ ...request, filter: listFilter(filters) }, { signal }),
    onAction,
  );
}

export const useActionDetail = (id: number) =>
  useLiveQuery(`action:${id}`, (signal) => api.actions.get({ id }, { signal }), onAction);

export const useRetryQueue = () =>
  useLiveQuery('retry.status', (signal) => api.retry.status({}, { signal }), onAction);

/** The requests of one batch (or the listed ones), live: what a Retry button shows after it is pressed. */
export const useBatch = (batchId: number | null, ids: readonly number[]) =>
  useLiveQuery(
    `batch:${batchId ?? ids.join(',')}`,
    async (signal) => {
      const page = await api.actions.list(
        { filter: batchId ? { batchId } : {}, limit: batchId ? 500 : 50 },
        { signal },
      );
      return page.items.filter((a) => (batchId ? a.batchId === batchId : ids.includes(a.id)));
    },
    onAction,
  );
