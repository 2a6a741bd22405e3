import type { PageProps } from '../../navigation/routes';
import { pages } from '../../navigation/pages';
import { useRoute } from '../../navigation/use-route';

/**
 * A page whose feature is not built yet: it says plainly what it will show, and which filter it was
 * opened with (from an Overview figure), and shows no made-up data.
 */
export default function UpcomingPage({ params }: PageProps) {
  const { page } = useRoute();
  const meta = pages.find((p) => p.id === page);
  const filters = Object.entries(params);
  return (
    <section className="card upcoming" aria-label={meta?.title ?? page}>
      <h2>{meta?.title}</h2>
      <p>{meta?.upcoming}</p>
      {filters.length ? (
        <>
          <p>Opened for:</p>
          <dl className="filters" data-testid="route-filters">
            {filters.map(([name, value]) => (
              <div key={name}>
                <dt>{name}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        </>
      ) : null}
      <p className="muted">This page arrives in a later version of ScimWatch.</p>
    </section>
  );
}
