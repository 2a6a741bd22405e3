import { useThemeStore, type ThemeChoice } from '../state/theme-store';

const choices: ThemeChoice[] = ['system', 'light', 'dark'];

export function ThemeSwitcher() {
  const { choice, setChoice } = useThemeStore();
  return (
    <label className="theme-switcher">
      <span>Theme</span>
      <select value={choice} onChange={(event) => setChoice(event.target.value as ThemeChoice)}>
        {choices.map((c) => (
          <option key={c} value={c}>
            {c[0]?.toUpperCase() + c.slice(1)}
          </option>
        ))}
      </select>
    </label>
  );
}
