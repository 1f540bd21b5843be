// Times in the browser's time zone and language; durations in words.

export function formatTime(iso: string | null | undefined, locale?: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(d);
}

const UNITS: Record<string, { s: string; min: string; h: string }> = {
  en: { s: ' s', min: ' min', h: ' h' },
  zh: { s: ' 秒', min: ' 分', h: ' 小时' },
};

/** A duration in two units at most ("1 min 16 s", "23 h 59 min"; in Chinese "1 分 16 秒", "23 小时 59 分"). */
export function formatDuration(seconds: number | null | undefined, locale?: string): string {
  if (seconds == null || Number.isNaN(seconds)) return '—';
  const u = UNITS[(locale ?? 'en').slice(0, 2)] ?? UNITS.en;
  const s = Math.round(seconds);
  if (s < 60) return `${s}${u.s}`;
  if (s < 3600) return `${Math.floor(s / 60)}${u.min} ${s % 60}${u.s}`;
  return `${Math.floor(s / 3600)}${u.h} ${Math.floor((s % 3600) / 60)}${u.min}`;
}

export function shortId(id: string | null | undefined): string {
  return id ? id.slice(0, 8) : '—';
}

/**
 * A numeric reading as people read it: whole numbers as they are (heights, chain ids, wei), fractions to 3 decimals,
 * or to 3 significant digits below 1 (a TPS of 0.0179, not 0.017857142857142856). Never grouped: the digits are the
 * value. NaN and infinities as JavaScript writes them.
 */
export function formatReading(value: number | null | undefined, locale?: string): string {
  if (value == null) return '—';
  if (!Number.isFinite(value) || Number.isInteger(value)) return String(value);
  const digits = Math.abs(value) >= 1 ? { maximumFractionDigits: 3 } : { maximumSignificantDigits: 3 };
  return new Intl.NumberFormat(locale, { ...digits, useGrouping: false }).format(value);
}
