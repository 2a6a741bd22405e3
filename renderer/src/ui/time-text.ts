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

/** A time in the reader's locale and zone, to the minute. */
export function localTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
