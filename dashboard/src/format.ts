/** Numbers and times in the browser's locale and time zone. */

const numberFormats = new Map<number, Intl.NumberFormat>();

/** A reading's value with sensible precision for its size, and its unit. */
export function formatValue(value: number, unit = '', locale?: string): string {
  if (!Number.isFinite(value)) {
    return '–';
  }
  const magnitude = Math.abs(value);
  const digits = magnitude >= 1000 ? 0 : magnitude >= 1 ? 1 : 2;
  // The browser's locale is cached; a locale given (tests) gets its own formatter.
  let format = locale === undefined ? numberFormats.get(digits) : undefined;
  if (format === undefined) {
    format = new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: 0 });
    if (locale === undefined) {
      numberFormats.set(digits, format);
    }
  }
  const text = format.format(value);
  return unit === '' ? text : `${text} ${unit}`;
}

export function formatTime(time: Date | string | number, locale?: string): string {
  return new Date(time).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
}

export function formatDateTime(time: Date | string | number, locale?: string): string {
  return new Date(time).toLocaleString(locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1_000],
];

/** "3 minutes ago", "just now", "in 2 hours". */
const relativeFormats = new Map<string | undefined, Intl.RelativeTimeFormat>();

export function formatRelative(time: Date | string | number, now = Date.now(), locale?: string): string {
  let format = relativeFormats.get(locale);
  if (format === undefined) {
    format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    relativeFormats.set(locale, format);
  }
  const delta = new Date(time).getTime() - now;
  if (Math.abs(delta) < 10_000) {
    return format.format(0, 'second');
  }
  // The last unit (second) always matches: |delta| ≥ 10 s here.
  const [unit, size] = units.find(([, size]) => Math.abs(delta) >= size) ?? units[units.length - 1];
  return format.format(Math.round(delta / size), unit);
}

/** Proto JSON durations ("300s", "1.5s") in milliseconds; NaN when not one. */
export function durationMillis(text: string): number {
  const match = /^(-?\d+(?:\.\d+)?)s$/.exec(text);
  return match ? Math.round(Number(match[1]) * 1000) : NaN;
}
