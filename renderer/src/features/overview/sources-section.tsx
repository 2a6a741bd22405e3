import type { AppStatus } from '../../../../shared/contract';
import { DatabaseCard } from '../../ui/database-card';
import { SourceCard } from '../../ui/source-card';

/** Both sides of the wire and the local cache: where every figure above comes from. */
export function SourcesSection({ status }: { status: AppStatus }) {
  return (
    <section aria-label="Sources">
      <h2 className="section-title">Sources</h2>
      <div className="grid">
        <SourceCard title="Entra" source={status.sources.entra} />
        <SourceCard title="Pulumi" source={status.sources.pulumi} />
      </div>
      {/* A row of its own: beside the sources, its longer list stretched their cards into tall, empty boxes. */}
      <DatabaseCard database={status.database} wide />
    </section>
  );
}
