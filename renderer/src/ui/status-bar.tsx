import { useProfilesStore } from '../state/profiles-store';
import { useStatusStore } from '../state/status-store';
import { HealthDot } from './health-dot';

/** The bottom line every page shares: profile, mode, and how each source is doing. */
export function StatusBar() {
  const status = useStatusStore((s) => s.status);
  const profileError = useProfilesStore((s) => s.error);
  if (!status) return null;
  return (
    <footer className="status-bar" aria-label="Status">
      <span data-testid="status-profile">
        {status.profile.name} ·{' '}
        <span className={`mode mode-${status.profile.mode}`}>
          {status.profile.mode === 'demo' ? 'Demo' : 'Live'}
        </span>
      </span>
      <HealthDot label="Entra" health={status.sources.entra.health} />
      <HealthDot label="Pulumi" health={status.sources.pulumi.health} />
      {profileError ? <span role="alert">{profileError.message}</span> : null}
      <span className="version">ScimWatch {status.version}</span>
    </footer>
  );
}
