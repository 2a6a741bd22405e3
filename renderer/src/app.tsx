import { useEffect } from 'react';

import { StatusPage } from './pages/status-page';
import { startStatusFeed, useStatusStore } from './state/status-store';

/** The app frame: header with the active profile, then the page; `data-app-state` tells tests when data arrived. */
export function App() {
  const status = useStatusStore((s) => s.status);
  const error = useStatusStore((s) => s.error);
  useEffect(() => startStatusFeed(), []);

  return (
    <div className="app" data-app-state={status ? 'ready' : error ? 'error' : 'loading'}>
      <header>
        <h1>ScimWatch</h1>
        {status ? (
          <span className="profile" data-testid="profile">
            {status.profile.name} · {status.profile.mode === 'demo' ? 'demo' : 'live'} · v{status.version}
          </span>
        ) : null}
      </header>
      {error ? (
        <p className="banner error" role="alert">
          {error.message} {error.hint}
        </p>
      ) : null}
      {status ? <StatusPage status={status} /> : error ? null : <p className="loading">Loading…</p>}
    </div>
  );
}
