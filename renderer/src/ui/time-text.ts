/** "5 min ago", "in 3 h": how far a time is from now, in the largest whole unit. */
export function relativeTime(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '—';
  const ms = Date.parse(iso) - now;
  const abs = Math.abs(ms);
  const [value, unit] =
    abs < 60_000
      ? [0, 'now']
      : abs < 3_600_000
        ? [Math.round(abs / 60_000), 'min']
        : abs < 172_800_000
          ? [Math.round(abs / 3_600_000), 'h']
          : [Math.round(abs / 86_400_000), 'd'];
  if (unit === 'now') return 'just now';
  return ms < 0 ? `${value} ${unit} ago` : `in ${value} ${unit}`;
}

// Formatters are built once: toLocaleString with options builds one per call, which charts notice.
const minuteFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const hourFormat = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
});
const utcDayFormat = new Intl.DateTimeFormat(undefined, { timeZone: 'UTC', month: 'short', day: 'numeric' });

/** A time in the reader's locale and zone, to the minute. */
export function localTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return minuteFormat.format(new Date(iso));
}

/** A chart bucket's label: an hour in the reader's zone, or a UTC day (day buckets are UTC days). */
export function bucketLabel(start: string, grain: 'hour' | 'day'): string {
  return (grain === 'hour' ? hourFormat : utcDayFormat).format(new Date(start));
}
