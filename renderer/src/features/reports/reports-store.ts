import { useEffect, useState } from 'react';

import type { EventName, EventPayload, ReportOptions } from '../../../../shared/contract';
import { reportFormats, reportSections } from '../../../../shared/contract';
import { findingSeverities } from '../../../../shared/contract/reconcile';
import { api } from '../../api/client';
import type { RouteParams } from '../../navigation/use-route';
import { useLiveQuery } from '../../ui/live-query';

const oneOf = <T extends string>(values: readonly T[], value: string | undefined): T | undefined =>
  values.find((v) => v === value);

/** A day picked in a date field, as the start or the end of that day in UTC. */
const dayTime = (day: string | undefined, end: boolean) =>
  day && /^\d{4}-\d{2}-\d{2}$/.test(day) ? `${day}T${end ? '23:59:59.999' : '00:00:00.000'}Z` : undefined;

/** The report's options as the URL holds them, so a report set up once can be bookmarked or shared. */
export function reportOptionsFrom(params: RouteParams): ReportOptions {
  const format = oneOf(reportFormats, params['format']) ?? 'pdf';
  const runId = Number(params['run']);
  const since = dayTime(params['since'], false);
  const until = dayTime(params['until'], true);
  const minSeverity = oneOf(findingSeverities, params['severity']);
  const section = format === 'csv' ? oneOf(reportSections, params['section']) : undefined;
  return {
    format,
    ...(Number.isInteger(runId) && runId > 0 ? { runId } : {}),
    ...(since ? { since } : {}),
    ...(until ? { until } : {}),
    ...(minSeverity ? { minSeverity } : {}),
    ...(params['resolved'] === '1' ? { includeResolved: true } : {}),
    ...(params['redact'] === '1' ? { redact: true } : {}),
    ...(section ? { section } : {}),
  };
}

const onNewRun: readonly EventName[] = ['findings.changed'];

/** What a report with these options would say first (header, coverage, summary), live as runs land. */
export const usePreview = (options: ReportOptions) =>
  useLiveQuery(
    `report.preview:${JSON.stringify(options)}`,
    (signal) => api.report.preview(options, { signal }),
    onNewRun,
  );

/** Past exports, newest first, read again whenever an export moves on. */
export const useReportHistory = () =>
  useLiveQuery('report.list', (signal) => api.report.list({}, { signal }), ['report.progress']);

/** The latest `report.progress` event while an export runs. */
export function useReportProgress(active: boolean): EventPayload<'report.progress'> | null {
  const [progress, setProgress] = useState<EventPayload<'report.progress'> | null>(null);
  useEffect(() => {
    if (!active) return;
    setProgress(null);
    return api.on('report.progress', setProgress);
  }, [active]);
  return active ? progress : null;
}
