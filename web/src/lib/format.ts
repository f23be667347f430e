import dayjs from 'dayjs';

export const DATE_TIME = 'YYYY-MM-DD HH:mm:ss';

/** An ISO instant in the browser's local time, or an em dash. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = dayjs(iso);
  return d.isValid() ? d.format(DATE_TIME) : iso;
}

/** `HH:mm` when the instant is today, else `YYYY-MM-DD HH:mm`. */
export function formatLockTime(iso: string, now: dayjs.Dayjs = dayjs()): string {
  const d = dayjs(iso);
  if (!d.isValid()) return iso;
  return d.isSame(now, 'day') ? d.format('HH:mm') : d.format('YYYY-MM-DD HH:mm');
}

export function formatNumber(n: number, locale?: string): string {
  return new Intl.NumberFormat(locale).format(n);
}

export function formatRate(rate: number, locale?: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: rate >= 100 ? 0 : 1 }).format(rate);
}

/** Seconds as `m:ss` or `h:mm:ss`. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const pad = (v: number) => String(v).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(sec)}` : `${m}:${pad(sec)}`;
}

export function isLocked(lockedUntil: string | null | undefined, now: number = Date.now()): boolean {
  return !!lockedUntil && new Date(lockedUntil).getTime() > now;
}
