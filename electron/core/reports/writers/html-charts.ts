import type { ReportOutcomeRow, ReportSummary } from '../../../../shared/contract';
import { html, type Markup } from './html-template';

const outcomeColors = {
  success: '#2e7d32',
  warning: '#b26a00',
  skipped: '#6b7280',
  failure: '#c62828',
} as const;
const statuses = ['success', 'warning', 'skipped', 'failure'] as const;

/** Log entries per day as stacked bars: drawn as SVG attributes only (the CSP allows no script or style attribute). */
export function outcomesChart(rows: ReportOutcomeRow[]): Markup {
  if (!rows.length) return html`<p class="muted">No log entries in the period.</p>`;
  const width = 720;
  const height = 200;
  const left = 48;
  const bottom = 24;
  const max = Math.max(1, ...rows.map((r) => statuses.reduce((n, s) => n + r[s], 0)));
  const slot = (width - left) / rows.length;
  const bar = Math.max(1, slot * 0.8);
  const scale = (height - bottom - 8) / max;
  const bars = rows.map((row, i) => {
    let y = height - bottom;
    const x = left + i * slot + (slot - bar) / 2;
    return statuses.map((status) => {
      const h = row[status] * scale;
      y -= h;
      return h > 0
        ? html`<rect
            x="${x.toFixed(1)}"
            y="${y.toFixed(1)}"
            width="${bar.toFixed(1)}"
            height="${h.toFixed(1)}"
            fill="${outcomeColors[status]}"
            ><title>${row.day}: ${row[status]} ${status}</title></rect
          >`
        : html``;
    });
  });
  const labelEvery = Math.ceil(rows.length / 8);
  const labels = rows.map((row, i) =>
    i % labelEvery === 0
      ? html`<text
          x="${(left + i * slot + slot / 2).toFixed(1)}"
          y="${height - 6}"
          font-size="10"
          text-anchor="middle"
          >${row.day.slice(5)}</text
        >`
      : html``,
  );
  return html`<figure>
    <svg
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 ${width} ${height}"
      width="100%"
      role="img"
      aria-label="Provisioning log entries per day by outcome"
    >
      <line x1="${left}" y1="${height - bottom}" x2="${width}" y2="${height - bottom}" stroke="#999" />
      <text x="${left - 6}" y="14" font-size="10" text-anchor="end">${max}</text>
      <text x="${left - 6}" y="${height - bottom}" font-size="10" text-anchor="end">0</text>
      ${bars}${labels}
    </svg>
    <figcaption>${statuses.map((s) => html`<span class="key key-${s}">${s}</span> `)}</figcaption>
  </figure>`;
}

const severityColors = { error: '#c62828', warning: '#b26a00', info: '#1565c0' } as const;

/** Open findings by severity as horizontal bars. */
export function severityChart(summary: ReportSummary): Markup {
  const entries = (['error', 'warning', 'info'] as const).map(
    (s) => [s, summary.findings.bySeverity[s]] as const,
  );
  const max = Math.max(1, ...entries.map(([, n]) => n));
  return html`<svg
    xmlns="http://www.w3.org/2000/svg"
    viewBox="0 0 420 84"
    width="420"
    role="img"
    aria-label="Open findings by severity"
  >
    ${entries.map(
      ([severity, n], i) =>
        html`<text x="0" y="${i * 26 + 17}" font-size="12">${severity}</text
          ><rect
            x="70"
            y="${i * 26 + 4}"
            width="${((n / max) * 300).toFixed(1)}"
            height="18"
            fill="${severityColors[severity]}"
          /><text x="${(78 + (n / max) * 300).toFixed(1)}" y="${i * 26 + 17}" font-size="12">${n}</text>`,
    )}
  </svg>`;
}
