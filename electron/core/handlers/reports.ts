import { createReport } from '../reports/report-service';
import { reportsRepo } from '../store/reports-repo';
import type { HandlerTable } from './context';

/** Reports: written by the writer (it records each export), listed by the query worker. */
export const reportWriteHandlers: HandlerTable = {
  'report.create': (options, context) => createReport(context, { options }),
};

export const reportReadHandlers: HandlerTable = {
  'report.list': (_input, { db }) => reportsRepo.list(db),
};
