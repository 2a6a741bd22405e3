import { create } from 'zustand';

import type { ApiError, AppStatus } from '../../../shared/contract';
import { api } from '../api/client';

interface StatusState {
  status: AppStatus | null;
  error: ApiError | null;
  refresh: () => Promise<void>;
}

/** Keeps whichever status is newer, so a slow reply can never overwrite a fresher pushed event. */
function newer(current: AppStatus | null, incoming: AppStatus): AppStatus {
  return current && current.generatedAt > incoming.generatedAt ? current : incoming;
}

export const useStatusStore = create<StatusState>()((set) => ({
  status: null,
  error: null,
  refresh: async () => {
    try {
      const status = await api.app.status();
      set((state) => ({ status: newer(state.status, status), error: null }));
    } catch (error) {
      set({ error: error as ApiError });
    }
  },
}));

/** Subscribes before fetching, so no change between the two is lost; then loads the current status. */
export function startStatusFeed(): () => void {
  const unsubscribe = api.on('status.changed', (status) =>
    useStatusStore.setState((state) => ({ status: newer(state.status, status), error: null })),
  );
  void useStatusStore.getState().refresh();
  return unsubscribe;
}
