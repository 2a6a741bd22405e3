import { useEffect, useState } from 'react';

import { useThemeStore } from '../state/theme-store';

/**
 * Chart colours come from the stylesheet's palette (one source for both themes). SVG attributes cannot
 * read CSS variables, so each is resolved to a colour through a probe element, again when the theme
 * (chosen or the system's) changes.
 */
const names = ['ok', 'bad', 'warn', 'muted', 'accent', 'focus', 'text', 'border', 'panel'] as const;
export type ChartColors = Record<(typeof names)[number], string>;

function resolve(): ChartColors {
  const probe = document.createElement('span');
  probe.hidden = true;
  document.body.append(probe);
  const colors = Object.fromEntries(
    names.map((name) => {
      probe.style.color = `var(--${name})`;
      return [name, getComputedStyle(probe).color];
    }),
  ) as ChartColors;
  probe.remove();
  return colors;
}

export function useChartColors(): ChartColors {
  const choice = useThemeStore((s) => s.choice);
  const [colors, setColors] = useState(resolve);
  useEffect(() => {
    setColors(resolve());
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const onChange = () => setColors(resolve());
    media.addEventListener('change', onChange);
    return () => media.removeEventListener('change', onChange);
  }, [choice]);
  return colors;
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
