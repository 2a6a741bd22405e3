import { create } from 'zustand';

import type { ApiError, ProfileSummary } from '../../../shared/contract';
import { api } from '../api/client';
import { latestOnly } from './latest-only';

interface ProfilesState {
  profiles: ProfileSummary[];
  switching: boolean;
  error: ApiError | null;
  refresh: () => Promise<void>;
  select: (name: string) => Promise<void>;
}

const guard = latestOnly();

/** The profile switcher's data; the status store hears about the switch through `status.changed`. */
export const useProfilesStore = create<ProfilesState>()((set, get) => ({
  profiles: [],
  switching: false,
  error: null,
  refresh: () =>
    guard(
      () => api.profiles.list(),
      (profiles) => set({ profiles, error: null }),
    ).catch((error: unknown) => set({ error: error as ApiError })),
  select: async (name) => {
    set({ switching: true, error: null });
    try {
      await api.profiles.select({ name });
      await get().refresh();
    } catch (error) {
      set({ error: error as ApiError });
    } finally {
      set({ switching: false });
    }
  },
}));
