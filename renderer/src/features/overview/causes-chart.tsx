import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

import type { FailureCauseCounts, StatRange } from '../../../../shared/contract';
import { failureCauseLabels } from '../../../../shared/labels';
import { navigate } from '../../navigation/use-route';
import { chartFrame, useChartColors } from '../../ui/chart-colors';
import { FiguresTable } from './figures-table';

/** Distinct failed objects per cause in the range; a bar opens that cause's failures. */
export function CausesChart({ counts, range }: { counts: FailureCauseCounts; range: StatRange }) {
  const colors = useChartColors();
  const rows = counts.causes.map((c) => ({
    cause: c.cause,
    label: failureCauseLabels[c.cause],
    objects: c.objects,
  }));
  return (
    <>
      <ResponsiveContainer
        width="100%"
        height={Math.max(120, rows.length * 34 + 40)}
        initialDimension={{ width: 560, height: Math.max(120, rows.length * 34 + 40) }}
      >
        <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid stroke={colors.border} horizontal={false} />
          <XAxis
            type="number"
            allowDecimals={false}
            tick={{ fill: colors.muted, fontSize: 12 }}
            stroke={colors.border}
          />
          <YAxis
            type="category"
            dataKey="label"
            width={190}
            tick={{ fill: colors.text, fontSize: 12 }}
            stroke={colors.border}
          />
          <Tooltip {...chartFrame(colors).tooltip} />
          <Bar
            dataKey="objects"
            name="Objects"
            fill={colors.bad}
            isAnimationActive={false}
            cursor="pointer"
            onClick={(data: { payload?: { cause?: string } }) => {
              if (data.payload?.cause) navigate('failures', { cause: data.payload.cause, range });
            }}
          />
        </BarChart>
      </ResponsiveContainer>
      <FiguresTable
        caption="Distinct objects that failed, per cause"
        testId="causes"
        span={{ range, from: counts.since }}
        columns={[{ key: 'objects', label: 'Objects' }]}
        rows={rows.map((row) => ({
          key: row.cause,
          label: row.label,
          values: { objects: row.objects },
          href: () => ({ page: 'failures', params: { cause: row.cause, range } }),
        }))}
      />
    </>
  );
}
