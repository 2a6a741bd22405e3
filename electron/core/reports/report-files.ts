import { join } from 'node:path';

/** A profile's reports folder (`serve` downloads from here only; the CLI copies from it to --out). */
export const reportsFolder = (dataDir: string, profile: string) => join(dataDir, 'reports', profile);

/** How the history names reports the daily schedule wrote. */
export const dailyReportActor = 'daily schedule';
