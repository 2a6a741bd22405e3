import { useEffect, useState } from 'react';

import type { ApiError, SettingsView } from '../../../../shared/contract';
import { secretNames, settingKeys } from '../../../../shared/contract/names';
import { secretHelp } from '../../../../shared/secret-help';
import { api } from '../../api/client';
import { useStatusStore } from '../../state/status-store';
import { DatabaseCard } from '../../ui/database-card';

const sourceLabels = { environment: 'environment', saved: 'saved', default: 'default' } as const;

/** The active profile's settings with where each value comes from; secrets only as set or not set. */
export function SettingsPage() {
  const profile = useStatusStore((s) => s.status?.profile.name);
  const database = useStatusStore((s) => s.status?.database);
  const [view, setView] = useState<SettingsView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    let current = true;
    api.settings.get().then(
      (v) => current && setView(v),
      (e: unknown) => current && setError(e as ApiError),
    );
    return () => {
      current = false;
    };
  }, [profile]);
  if (error) return <p role="alert">{error.message}</p>;
  if (!view) return <p className="loading">Loading…</p>;
  return (
    <>
      <section className="card" aria-label="Settings">
        <h2>Settings of profile “{view.profile}”</h2>
        <table className="settings-table">
          <thead>
            <tr>
              <th scope="col">Setting</th>
              <th scope="col">Value</th>
              <th scope="col">From</th>
            </tr>
          </thead>
          <tbody>
            {settingKeys.map((key) => (
              <tr key={key}>
                <td>{key}</td>
                <td>{view.values[key].value === null ? '—' : String(view.values[key].value)}</td>
                <td>{view.values[key].source ? sourceLabels[view.values[key].source] : ''}</td>
              </tr>
            ))}
            {secretNames.map((name) => (
              <tr key={name}>
                <td>
                  {name}
                  <p className="muted setting-help">{secretHelp[name]}</p>
                </td>
                <td>{view.secrets[name].set ? 'set (hidden)' : 'not set'}</td>
                <td>{view.secrets[name].source ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted">Saved secrets are kept in: {view.secretStorage}.</p>
      </section>
      {database ? <DatabaseCard database={database} /> : null}
    </>
  );
}

export default SettingsPage;
