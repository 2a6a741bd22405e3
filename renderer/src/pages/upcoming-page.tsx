/** A page whose feature is not built yet: it says plainly what it will show, and shows no made-up data. */
export function UpcomingPage({ title, description }: { title: string; description: string }) {
  return (
    <section className="card upcoming" aria-label={title}>
      <h2>{title}</h2>
      <p>{description}</p>
      <p className="muted">This page arrives in a later version of ScimWatch.</p>
    </section>
  );
}
