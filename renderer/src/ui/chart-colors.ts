import { useEffect, useMemo, useState } from 'react';

import { useThemeStore } from '../state/theme-store';

/**
 * Chart colours come from the stylesheet's palette (one source for both themes). SVG attributes cannot
 * read CSS variables, so each is resolved to a colour through a probe element, again when the theme
 * (chosen or the system's) changes.
 */
const names = ['ok', 'bad', 'warn', 'muted', 'accent', 'focus', 'text', 'border', 'panel'] as const;
export type ChartColors = Record<(typeof names)[number], string>;

/** All colours read in one style pass: every probe is placed before any is read. */
function resolve(): ChartColors {
  const probes = names.map((name) => {
    const probe = document.createElement('span');
    probe.hidden = true;
    probe.style.color = `var(--${name})`;
    return probe;
  });
  document.body.append(...probes);
  const colors = Object.fromEntries(
    names.map((name, i) => [name, getComputedStyle(probes[i] as Element).color]),
  );
  probes.forEach((probe) => probe.remove());
  return colors as ChartColors;
}

/** Resolved once per theme (chosen, or the system's) for every chart on the page. */
const resolved = new Map<string, ChartColors>();
function colorsFor(key: string): ChartColors {
  let colors = resolved.get(key);
  if (!colors) resolved.set(key, (colors = resolve()));
  return colors;
}

export function useChartColors(): ChartColors {
  const choice = useThemeStore((s) => s.choice);
  const [systemDark, setSystemDark] = useState(
    () => window.matchMedia('(prefers-color-scheme: dark)').matches,
  );
  useEffect(() => {
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const onChange = () => setSystemDark(media.matches);
    media.addEventListener('change', onChange);
    return () => media.removeEventListener('change', onChange);
  }, []);
  return useMemo(() => colorsFor(`${choice}|${systemDark}`), [choice, systemDark]);
}

/** The parts every chart draws the same way (grid, axes, tooltip, legend), in the theme's colours. */
export function chartFrame(colors: ChartColors) {
  const tick = { fill: colors.muted, fontSize: 12 };
  return {
    margin: { top: 8, right: 8, bottom: 0, left: 0 },
    grid: { stroke: colors.border, vertical: false },
    xAxis: { dataKey: 'label', tick, stroke: colors.border },
    yAxis: { allowDecimals: false, tick, stroke: colors.border, width: 48 },
    tooltip: {
      contentStyle: { background: colors.panel, borderColor: colors.border, color: colors.text },
      cursor: { fill: colors.border },
    },
    legend: { wrapperStyle: { color: colors.text, cursor: 'pointer' } },
  };
}
