import type { AppStatus } from '../../../shared/contract';
import { SourceCard } from '../components/source-card';

function formatBytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * The overview: which profile is watched, how each source is doing, and what the cache holds.
 * The dashboard pages (drift, failures, lookup, …) build on this frame.
 */
export function OverviewPage({ status }: { status: AppStatus }) {
  const { profile, database } = status;
  return (
    <>
      {profile.mode === 'demo' ? (
        <p className="banner" role="status">
          Demo profile: an emulated Entra tenant and Pulumi organization, with problems planted on purpose.
          Demo data never mixes with real history. To watch your own tenant, set the SCIMWATCH_* variables
          (see the README) or save your settings in a new profile.
        </p>
      ) : null}
      {profile.missing.length ? (
        <section className="card warning" aria-label="Missing settings">
          <h2>This profile is not fully configured</h2>
          <p>Set these before ScimWatch can poll:</p>
          <ul>
            {profile.missing.map((name) => (
              <li key={name}>
                <code>{name}</code>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <div className="grid">
        <SourceCard title="Entra" source={status.sources.entra} />
        <SourceCard title="Pulumi" source={status.sources.pulumi} />
        <section className="card" aria-label="Local cache">
          <h2>Local cache</h2>
          <dl>
            <dt>File</dt>
            <dd className="path">{database.path}</dd>
            <dt>Schema</dt>
            <dd>version {database.schemaVersion}</dd>
            <dt>Size</dt>
            <dd>{formatBytes(database.sizeBytes)}</dd>
            <dt>Provisioning events</dt>
            <dd data-testid="event-count">{database.provisioningEvents.toLocaleString()}</dd>
          </dl>
        </section>
      </div>
      {status.secretStorage.warning ? (
        <p className="banner warning" role="alert">
          {status.secretStorage.warning}
        </p>
      ) : null}
    </>
  );
}
