import { create } from 'zustand';

export type ThemeChoice = 'system' | 'light' | 'dark';

const storageKey = 'scimwatch.theme';

function stored(): ThemeChoice {
  const value = localStorage.getItem(storageKey);
  return value === 'light' || value === 'dark' ? value : 'system';
}

/** Sets the attribute the stylesheet keys on; "system" leaves it to prefers-color-scheme. */
function apply(choice: ThemeChoice): void {
  if (choice === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = choice;
}

interface ThemeState {
  choice: ThemeChoice;
  setChoice: (choice: ThemeChoice) => void;
}

export const useThemeStore = create<ThemeState>()((set) => ({
  choice: stored(),
  setChoice: (choice) => {
    localStorage.setItem(storageKey, choice);
    apply(choice);
    set({ choice });
  },
}));

apply(stored());
