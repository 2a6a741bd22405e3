import { useRef, type KeyboardEvent } from 'react';

import { pages, type PageId } from './pages';
import { navigate } from './use-route';

/**
 * The page list. Arrow keys, Home and End move between entries (one tab stop for the whole list);
 * Enter follows the link as usual.
 */
export function Nav({ current }: { current: PageId }) {
  const links = useRef<(HTMLAnchorElement | null)[]>([]);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const index = links.current.findIndex((link) => link === document.activeElement);
    const last = pages.length - 1;
    const target =
      event.key === 'ArrowDown'
        ? Math.min(index + 1, last)
        : event.key === 'ArrowUp'
          ? Math.max(index - 1, 0)
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (target === null || index === -1) return;
    event.preventDefault();
    links.current[target]?.focus();
  };

  return (
    <nav aria-label="Pages" onKeyDown={onKeyDown}>
      <ul>
        {pages.map((page, i) => (
          <li key={page.id}>
            <a
              ref={(element) => {
                links.current[i] = element;
              }}
              href={`#/${page.id}`}
              aria-current={page.id === current ? 'page' : undefined}
              tabIndex={page.id === current ? 0 : -1}
              onClick={(event) => {
                event.preventDefault();
                navigate(page.id);
              }}
            >
              {page.title}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
