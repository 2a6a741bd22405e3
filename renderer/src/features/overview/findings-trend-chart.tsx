import {
  Area,
  ComposedChart,
  CartesianGrid,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

import type { FindingsTrend } from '../../../../shared/contract';
import { navigate } from '../../navigation/use-route';
import { chartFrame, useChartColors, type ChartColors } from '../../ui/chart-colors';
import { localTime } from '../../ui/time-text';
import { FiguresTable } from './figures-table';

const severities = [
  { key: 'error', label: 'Errors', color: 'bad' },
  { key: 'warning', label: 'Warnings', color: 'warn' },
  { key: 'info', label: 'Information', color: 'focus' },
] as const satisfies readonly { key: string; label: string; color: keyof ChartColors }[];

/** Open findings at each bucket's last run, by severity, with the root problems among them as a line. */
export function FindingsTrendChart({ trend }: { trend: FindingsTrend }) {
  const colors = useChartColors();
  const frame = chartFrame(colors);
  const rows = trend.points.map((p) => ({ ...p, label: localTime(p.at) }));
  return (
    <>
      <ResponsiveContainer width="100%" height={240} initialDimension={{ width: 560, height: 240 }}>
        <ComposedChart data={rows} margin={frame.margin}>
          <CartesianGrid {...frame.grid} />
          <XAxis {...frame.xAxis} minTickGap={32} />
          <YAxis {...frame.yAxis} />
          <Tooltip {...frame.tooltip} />
          <Legend
            {...frame.legend}
            onClick={(entry) =>
              navigate(
                'drift',
                entry.dataKey === 'roots' ? { roots: '1' } : { severity: String(entry.dataKey) },
              )
            }
          />
          {severities.map((s) => (
            <Area
              key={s.key}
              type="stepAfter"
              dataKey={s.key}
              name={s.label}
              stackId="open"
              stroke={colors[s.color]}
              fill={colors[s.color]}
              fillOpacity={0.35}
              isAnimationActive={false}
            />
          ))}
          <Line
            type="stepAfter"
            dataKey="roots"
            name="Root problems"
            stroke={colors.text}
            dot={false}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
      <FiguresTable
        caption="Open findings at each run shown"
        testId="trend"
        span={{ range: trend.range, from: trend.since }}
        columns={[
          ...severities.map((s) => ({ key: s.key, label: s.label })),
          { key: 'roots', label: 'Root problems' },
        ]}
        rows={trend.points.map((p) => ({
          key: String(p.runId),
          label: `Run ${p.runId}, ${localTime(p.at)}`,
          values: { error: p.error, warning: p.warning, info: p.info, roots: p.roots },
          href: (column) => {
            // Today's findings of that severity: a past run's own list is the reports' job.
            const params: Record<string, string> = column === 'roots' ? {} : { severity: column };
            return { page: 'drift', params };
          },
        }))}
      />
    </>
  );
}
