import { useState } from 'react';

import type { ApiError, ConnectionReport, EventName } from '../../../../shared/contract';
import { api } from '../../api/client';
import { useLiveQuery } from '../../ui/live-query';

const onRun: readonly EventName[] = ['findings.changed'];

/** The latest run: its checklist and the findings open then (each failed step is one). */
export const useLatestRun = () =>
  useLiveQuery('reconcile.get', (signal) => api.reconcile.get({}, { signal }), onRun);

export const useFindingFix = (key: string) =>
  useLiveQuery(`finding:${key}`, (signal) => api.findings.get({ key }, { signal }), onRun);

/** "Test connection": runs every probe on the saved settings when asked, never by itself. */
export function useConnectionTest() {
  const [state, setState] = useState<{
    running: boolean;
    report: ConnectionReport | null;
    error: ApiError | null;
  }>({ running: false, report: null, error: null });
  const run = () => {
    setState((s) => ({ ...s, running: true, error: null }));
    api.connection.test({}).then(
      (report) => setState({ running: false, report, error: null }),
      (error: unknown) => setState((s) => ({ ...s, running: false, error: error as ApiError })),
    );
  };
  return { ...state, run };
}
