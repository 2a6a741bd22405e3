import { useEffect } from 'react';

import { useProfilesStore } from '../state/profiles-store';
import { useStatusStore } from '../state/status-store';

/** Switches the watched profile; disabled (with the reason) when the environment pins it. */
export function ProfileSwitcher() {
  const status = useStatusStore((s) => s.status);
  const { profiles, switching, refresh, select } = useProfilesStore();
  const active = status?.profile.name;
  useEffect(() => {
    void refresh();
  }, [refresh, active]);
  if (!status) return null;
  const pinned = status.profilePinnedBy;
  return (
    <label className="profile-switcher" title={pinned ? `Fixed by ${pinned}` : undefined}>
      <span>Profile</span>
      <select
        value={status.profile.name}
        disabled={Boolean(pinned) || switching}
        onChange={(event) => void select(event.target.value)}
      >
        {(profiles.length ? profiles : [status.profile]).map((p) => (
          <option key={p.name} value={p.name}>
            {p.name}
            {p.mode === 'demo' ? ' (demo)' : ''}
          </option>
        ))}
      </select>
    </label>
  );
}
