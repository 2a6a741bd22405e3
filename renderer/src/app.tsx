import { Suspense, useEffect } from 'react';

import { ProfileSwitcher } from './ui/profile-switcher';
import { StatusBar } from './ui/status-bar';
import { ThemeSwitcher } from './ui/theme-switcher';
import { Nav } from './navigation/nav';
import { routes } from './navigation/routes';
import { useRoute } from './navigation/use-route';
import { startStatusFeed, useStatusStore } from './state/status-store';
import { ErrorBoundary } from './ui/error-boundary';

function CurrentPage() {
  const { page, params } = useRoute();
  const Page = routes[page];
  return (
    <ErrorBoundary key={page}>
      <Suspense fallback={<p className="loading">Loading…</p>}>
        <Page params={params} />
      </Suspense>
    </ErrorBoundary>
  );
}

/**
 * The frame every page shares: header with the profile switcher, navigation, the page, and the
 * status bar. `data-app-state` turns "ready" once the first status arrives (tests wait for it).
 */
export function App() {
  const status = useStatusStore((s) => s.status);
  const error = useStatusStore((s) => s.error);
  const { page } = useRoute();
  useEffect(() => startStatusFeed(), []);

  return (
    <div className="app" data-app-state={status ? 'ready' : error ? 'error' : 'loading'}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header>
        <h1>ScimWatch</h1>
        <div className="header-controls">
          <ProfileSwitcher />
          <ThemeSwitcher />
        </div>
      </header>
      <div className="body">
        <Nav current={page} />
        <main id="main" tabIndex={-1}>
          {error ? (
            <p className="banner error" role="alert">
              {error.message} {error.hint}
            </p>
          ) : null}
          {/* Pages start their own requests at once; what needs the status waits for it there. */}
          {error && !status ? null : <CurrentPage />}
        </main>
      </div>
      <StatusBar />
    </div>
  );
}
