import type { ReactNode } from 'react';

import type { ApiError } from '../../../shared/contract';

/**
 * Loading, error and empty, the same on every panel: an error says what failed and the next step
 * (the core's hint); an empty panel says why it is empty and what fills it.
 */
export function QueryState<T>({
  query,
  isEmpty,
  empty,
  children,
}: {
  query: { data: T | undefined; error: ApiError | null; loading: boolean };
  isEmpty?: (data: T) => boolean;
  empty: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (query.error && query.data === undefined)
    return (
      <p className="panel-state error" role="alert">
        {query.error.message} {query.error.hint}
      </p>
    );
  if (query.data === undefined)
    return (
      <p className="panel-state loading" aria-busy="true">
        Loading…
      </p>
    );
  if (isEmpty?.(query.data)) return <div className="panel-state empty">{empty}</div>;
  return <>{children(query.data)}</>;
}
