import type { AppStatus, ProfileSummary, SourceStatus, StoreStatus } from '../../shared/contract';
import { formatBytes, sourceHealthLabels, spaceReturnLabels } from '../../shared/labels';

function formatSource(source: SourceStatus): string {
  // Terse for a terminal: the dashboard's words in lower case, and plain "ok" for health.
  const parts = [source.health === 'ok' ? 'ok' : sourceHealthLabels[source.health].toLowerCase()];
  if (source.lastSuccessAt) parts.push(`last success ${source.lastSuccessAt}`);
  if (source.lastError) parts.push(`last error: ${source.lastError}`);
  return parts.join(', ');
}

/** One line per collector, indented under its side: what it fetched, when it runs next, what failed. */
function formatCollectors(source: SourceStatus): string[] {
  return source.collectors.map((c) => {
    const parts = [
      c.lastError ? `failing: ${c.lastError}` : c.lastSuccessAt ? `ok ${c.lastSuccessAt}` : 'not run',
    ];
    if (c.itemsFetched !== null) parts.push(`${c.itemsFetched} items`);
    if (c.nextRunAt) parts.push(`next ${c.nextRunAt}`);
    return `      ${c.source.padEnd(26)} ${parts.join(', ')}`;
  });
}

function formatDatabase(database: StoreStatus): string[] {
  const growth =
    database.growthBytesPerDay === null
      ? 'growth not yet known'
      : `${formatBytes(database.growthBytesPerDay)} a day`;
  const disk =
    database.diskFreeBytes === null ? '' : `, ${formatBytes(database.diskFreeBytes)} free on its disk`;
  const check = database.lastCheck
    ? `last check ${database.lastCheck.at} (${database.lastCheck.kind}): ${database.lastCheck.ok ? 'ok' : 'damage found'}`
    : 'never checked';
  return [
    `  Database  ${database.path} (schema ${database.schemaVersion})`,
    `            ${formatBytes(database.sizeBytes)} on disk, ${formatBytes(database.usedBytes)} in use, ${growth}${disk}`,
    `            ${database.provisioningEvents} provisioning events` +
      (database.oldestEventAt ? ` since ${database.oldestEventAt}` : '') +
      `, kept ${database.retentionDays} days; pruned space ${spaceReturnLabels[database.spaceReturn]}`,
    `            ${check}${database.checkDue ? '; a check is due' : ''}`,
    ...database.warnings.map((w) => `  Warning   ${w}`),
  ];
}

/** The human form of `scimwatch status`. */
export function formatStatus(status: AppStatus): string[] {
  const { profile, database } = status;
  const lines = [
    `ScimWatch ${status.version}, profile "${profile.name}" (${profile.mode === 'demo' ? 'demo data' : 'live'})` +
      (status.profilePinnedBy ? `, fixed by ${status.profilePinnedBy}` : ''),
    `  Entra     ${formatSource(status.sources.entra)}`,
    ...formatCollectors(status.sources.entra),
    `  Pulumi    ${formatSource(status.sources.pulumi)}`,
    ...formatCollectors(status.sources.pulumi),
    ...formatDatabase(database),
    `  Secrets   ${status.secretStorage.backend}`,
  ];
  if (status.secretStorage.warning) lines.push(`  Warning   ${status.secretStorage.warning}`);
  if (profile.missing.length) lines.push(`  Missing   ${profile.missing.join(', ')}`);
  return lines;
}

/** The human form of `scimwatch profiles`. */
export function formatProfiles(profiles: ProfileSummary[]): string[] {
  return profiles.map((p) => {
    const state =
      p.mode === 'demo' ? 'demo data' : p.missing.length ? `needs ${p.missing.join(', ')}` : 'configured';
    return `${p.active ? '*' : ' '} ${p.name.padEnd(16)} ${state}`;
  });
}
