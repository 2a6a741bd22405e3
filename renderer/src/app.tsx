import { useEffect } from 'react';

import { ProfileSwitcher } from './components/profile-switcher';
import { StatusBar } from './components/status-bar';
import { ThemeSwitcher } from './components/theme-switcher';
import { Nav } from './navigation/nav';
import { pages } from './navigation/pages';
import { useRoute } from './navigation/use-route';
import { OverviewPage } from './pages/overview-page';
import { SettingsPage } from './pages/settings-page';
import { UpcomingPage } from './pages/upcoming-page';
import { startStatusFeed, useStatusStore } from './state/status-store';

function CurrentPage() {
  const route = useRoute();
  const status = useStatusStore((s) => s.status);
  const page = pages.find((p) => p.id === route) ?? pages[0];
  if (page.upcoming) return <UpcomingPage title={page.title} description={page.upcoming} />;
  if (page.id === 'settings') return <SettingsPage />;
  return status ? <OverviewPage status={status} /> : null;
}

/**
 * The frame every page shares: header with the profile switcher, navigation, the page, and the
 * status bar. `data-app-state` turns "ready" once the first status arrives (tests wait for it).
 */
export function App() {
  const status = useStatusStore((s) => s.status);
  const error = useStatusStore((s) => s.error);
  const route = useRoute();
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
        <Nav current={route} />
        <main id="main" tabIndex={-1}>
          {error ? (
            <p className="banner error" role="alert">
              {error.message} {error.hint}
            </p>
          ) : null}
          {status ? <CurrentPage /> : error ? null : <p className="loading">Loading…</p>}
        </main>
      </div>
      <StatusBar />
    </div>
  );
}
