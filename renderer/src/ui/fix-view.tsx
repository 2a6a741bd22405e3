import type { RenderedFix } from '../../../shared/fixes';

/**
 * A guided fix in full: what happened and why, the steps, and links to the place each step is done
 * (Entra admin center, Pulumi console) and to the docs. Every link is from the allowlist, rendered
 * with its values; text from either service is shown as text.
 */
export function FixView({ fix }: { fix: RenderedFix }) {
  return (
    <section className="fix" aria-label="Guided fix" data-fix={fix.id}>
      <h3>{fix.title}</h3>
      <ol className="fix-steps">
        {fix.steps.map((step, i) => (
          <li key={i}>{step}</li>
        ))}
      </ol>
      {fix.links.length ? (
        <ul className="fix-links" aria-label="Where to fix it">
          {fix.links.map((link) => (
            <li key={link.url}>
              <a href={link.url} target="_blank" rel="noreferrer noopener">
                {link.title}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      <ul className="fix-docs" aria-label="Documentation">
        {fix.docs.map((doc) => (
          <li key={doc.url}>
            <a href={doc.url} target="_blank" rel="noreferrer noopener">
              {doc.title}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
