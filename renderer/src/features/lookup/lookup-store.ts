import type { EventName } from '../../../../shared/contract';
import { api } from '../../api/client';
import { useLiveQuery } from '../../ui/live-query';

const onChange: readonly EventName[] = ['findings.changed', 'provisioningEvents.ingested'];

/** Matches for what was typed (the latest request wins). */
export const useMatches = (text: string) =>
  useLiveQuery(
    `lookup:${text}`,
    (signal) => (text.trim() ? api.lookup.find({ text }, { signal }) : Promise.resolve([])),
    [],
    'lookup',
  );

/** One person explained, live: a new run or log page may change the verdict; `version` asks again. */
export const useExplanation = (entraId: string, scimId: string, version: number) =>
  useLiveQuery(
    `explain:${entraId}:${scimId}:${version}`,
    (signal) => api.lookup.explain(entraId ? { entraId } : { scimId }, { signal }),
    onChange,
  );

/** One group explained against its team, live as runs and log pages arrive. */
export const useGroupExplanation = (entraId: string) =>
  useLiveQuery(`explain-group:${entraId}`, (signal) => api.lookup.group({ entraId }, { signal }), onChange);
