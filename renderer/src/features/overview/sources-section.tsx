import type { AppStatus } from '../../../../shared/contract';
import { formatBytes } from '../../../../shared/labels';
import { SourceCard } from '../../ui/source-card';

/** Both sides of the wire and the local cache: where every figure above comes from. */
export function SourcesSection({ status }: { status: AppStatus }) {
  const { database } = status;
  return (
    <section aria-label="Sources">
      <h2 className="section-title">Sources</h2>
      <div className="grid">
        <SourceCard title="Entra" source={status.sources.entra} />
        <SourceCard title="Pulumi" source={status.sources.pulumi} />
        <section className="card" aria-label="Local cache">
          <h3>Local cache</h3>
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
    </section>
  );
}
