import { currentSettings } from '../context';
import { recentRuns } from '../reconcile/run-snapshot';
import { readReportData } from '../reports/report-data';
import { reportsRepo } from '../store/reports-repo';
import type { HandlerTable } from './context';

/** Reports: written by the writer (it records each export), previewed and listed by the query worker. */
export const reportWriteHandlers: HandlerTable = {
  // The writers (zip, CSV, Chromium) load when a report is asked for, not when the worker starts.
  'report.create': async (options, context) =>
    (await import('../reports/report-service')).createReport(context, { options }),
};

export const reportReadHandlers: HandlerTable = {
  'report.list': (_input, { db }) => reportsRepo.list(db),
  'report.preview': (options, context) => {
    const { db, config } = context;
    const data = readReportData(db, options, {
      now: new Date().toISOString(),
      version: config.version,
      settings: currentSettings(context),
    });
    const runs = recentRuns(db);
    return { header: data.header, coverage: data.coverage, summary: data.summary, runs };
  },
};
