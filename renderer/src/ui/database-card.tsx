import type { StoreStatus } from '../../../shared/contract';
import { formatBytes, spaceReturnLabels } from '../../../shared/labels';
import { localTime, relativeTime } from './time-text';

function checkText(database: StoreStatus): string {
  const check = database.lastCheck;
  if (!check) return database.checkDue ? 'never checked; a check is due' : 'not yet checked';
  const outcome = check.ok ? 'passed' : 'found damage';
  return `${check.kind === 'full' ? 'Full' : 'Quick'} check ${outcome} ${relativeTime(check.at)}${database.checkDue ? '; another is due' : ''}`;
}

/**
 * The profile's local database: where it is, how big and how fast it grows, how much history it
 * keeps, and when its integrity was last checked. On the Overview and in Settings alike; `wide` sets its
 * facts in two columns, for a row of its own.
 */
export function DatabaseCard({ database, wide = false }: { database: StoreStatus; wide?: boolean }) {
  return (
    <section className={wide ? 'card card-wide' : 'card'} aria-label="Local cache">
      <h3>Local cache</h3>
      <dl>
        <dt>File</dt>
        <dd className="path">{database.path}</dd>
        <dt>Schema</dt>
        <dd>version {database.schemaVersion}</dd>
        <dt>Size</dt>
        <dd data-testid="database-size">
          {formatBytes(database.sizeBytes)} on disk, {formatBytes(database.usedBytes)} in use
        </dd>
        <dt>Growth</dt>
        <dd data-testid="database-growth">
          {database.growthBytesPerDay === null
            ? 'known after a second day'
            : `${formatBytes(database.growthBytesPerDay)} a day`}
        </dd>
        {database.diskFreeBytes !== null ? (
          <>
            <dt>Free on its disk</dt>
            <dd>{formatBytes(database.diskFreeBytes)}</dd>
          </>
        ) : null}
        <dt>Provisioning events</dt>
        <dd>
          <span data-testid="event-count">{database.provisioningEvents.toLocaleString()}</span>
          {database.oldestEventAt ? ` since ${localTime(database.oldestEventAt)}` : ''}
        </dd>
        <dt>History kept</dt>
        <dd data-testid="retention">
          {database.retentionDays.toLocaleString()} days
          {database.lastPrune ? `; last pruned ${relativeTime(database.lastPrune.at)}` : ''}
        </dd>
        <dt>Pruned space</dt>
        <dd data-testid="space-return">{spaceReturnLabels[database.spaceReturn]}</dd>
        <dt>Integrity</dt>
        <dd data-testid="integrity">{checkText(database)}</dd>
      </dl>
      {database.warnings.map((warning) => (
        <p key={warning} className="banner warning" role="alert">
          {warning}
        </p>
      ))}
    </section>
  );
}
