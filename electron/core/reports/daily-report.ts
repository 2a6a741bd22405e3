import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import type { ReconcileRun } from '../../../shared/contract';
import { currentSettings, type CoreContext } from '../context';
import type { Clock } from '../time/clock';
import { reportsRepo } from '../store/reports-repo';
import { dailyReportActor, reportsFolder } from './report-files';

const dayMs = 86_400_000;

/**
 * The daily report, as a setting: after the first reconciliation of each UTC day at or after the
 * chosen hour, the last 24 hours' report as of that run is written (recorded in the history like any
 * export) and copied into the chosen folder. One attempt a day: a failure is logged and recorded, and
 * the next day tries again, so a missing browser does not make every poll fail.
 */
export async function writeDailyReport(context: CoreContext, clock: Clock, run: ReconcileRun): Promise<void> {
  const settings = currentSettings(context);
  const folder = settings.dailyReportFolder;
  if (!folder) return;
  const now = new Date(clock.now());
  if (now.getUTCHours() < (settings.dailyReportHour ?? 6)) return;
  const day = now.toISOString().slice(0, 10);
  if (reportsRepo.createdSince(context.db, dailyReportActor, `${day}T00:00:00.000Z`)) return;
  const format = settings.dailyReportFormat ?? 'pdf';
  try {
    // Loaded only when a report is due: pollers that never write one never load the writers.
    const { createReport } = await import('./report-service');
    const record = await createReport(context, {
      options: {
        format,
        runId: run.id,
        since: new Date(Date.parse(run.finishedAt) - dayMs).toISOString(),
        until: run.finishedAt,
      },
      now: now.toISOString(),
      createdBy: dailyReportActor,
    });
    mkdirSync(folder, { recursive: true });
    const name = `scimwatch-daily-${settings.pulumiOrg ?? 'report'}-${day}.${(record.fileName ?? '').split('.').at(-1) ?? format}`;
    copyFileSync(
      join(reportsFolder(context.config.dataDir, context.config.profile), record.fileName ?? ''),
      join(folder, name),
    );
    context.log.info('daily report written', { file: join(folder, name), sha256: record.sha256 });
  } catch (error) {
    context.log.warn('daily report failed', {
      message: error instanceof Error ? error.message : String(error),
    });
  }
}
