import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

import type { OutcomeSeries, ProvisioningStatus, StatRange } from '../../../../shared/contract';
import { provisioningStatuses } from '../../../../shared/contract/rows';
import { provisioningStatusLabels } from '../../../../shared/labels';
import { navigate } from '../../navigation/use-route';
import { chartFrame, useChartColors, type ChartColors } from '../../ui/chart-colors';
import { bucketLabel } from '../../ui/time-text';
import { FiguresTable } from './figures-table';

const grainMs = { hour: 3_600_000, day: 86_400_000 } as const;
const colorOf: Record<ProvisioningStatus, keyof ChartColors> = {
  success: 'ok',
  failure: 'bad',
  warning: 'warn',
  skipped: 'muted',
};

/** Distinct objects per outcome and bucket, stacked; a bar opens the log entries it counts. */
export function OutcomesChart({ series, range }: { series: OutcomeSeries; range: StatRange }) {
  const colors = useChartColors();
  const frame = chartFrame(colors);
  const rows = series.buckets.map((bucket) => ({
    start: bucket.start,
    label: bucketLabel(bucket.start, series.grain),
    ...Object.fromEntries(provisioningStatuses.map((s) => [s, bucket.outcomes[s].objects])),
  }));
  const openBucket = (status: ProvisioningStatus, start: string) =>
    navigate('failures', {
      status,
      since: start,
      until: new Date(Date.parse(start) + grainMs[series.grain]).toISOString(),
    });
  return (
    <>
      <ResponsiveContainer width="100%" height={240} initialDimension={{ width: 560, height: 240 }}>
        <BarChart data={rows} margin={frame.margin}>
          <CartesianGrid {...frame.grid} />
          <XAxis {...frame.xAxis} minTickGap={24} />
          <YAxis {...frame.yAxis} />
          <Tooltip {...frame.tooltip} />
          <Legend
            {...frame.legend}
            onClick={(entry) => navigate('failures', { status: String(entry.dataKey), range })}
          />
          {provisioningStatuses.map((status) => (
            <Bar
              key={status}
              dataKey={status}
              name={provisioningStatusLabels[status]}
              stackId="outcomes"
              fill={colors[colorOf[status]]}
              isAnimationActive={false}
              cursor="pointer"
              onClick={(data: { payload?: { start?: string } }) => {
                if (data.payload?.start) openBucket(status, data.payload.start);
              }}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
      <FiguresTable
        caption={`Distinct objects per ${series.grain}${series.grain === 'day' ? ' (UTC days)' : ''}`}
        testId="outcomes"
        span={{ range, from: series.from }}
        columns={provisioningStatuses.map((s) => ({ key: s, label: provisioningStatusLabels[s] }))}
        rows={series.buckets.map((bucket) => ({
          key: bucket.start,
          label: bucketLabel(bucket.start, series.grain),
          values: Object.fromEntries(provisioningStatuses.map((s) => [s, bucket.outcomes[s].objects])),
          href: (column) => ({
            page: 'failures',
            params: {
              status: column,
              since: bucket.start,
              until: new Date(Date.parse(bucket.start) + grainMs[series.grain]).toISOString(),
            },
          }),
        }))}
      />
    </>
  );
}
