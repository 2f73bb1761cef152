/** Durations typed as "90s", "5m", "1h30m", "2d" (or a bare number of seconds) ↔ proto JSON "300s". */

const UNITS: Record<string, number> = { d: 86_400, h: 3_600, m: 60, s: 1 };

/** Seconds, or null when the text is not a duration. Empty text is 0. */
export function parseDuration(text: string): number | null {
  const trimmed = text.trim().toLowerCase().replace(/\s+/g, '');
  if (trimmed === '') {
    return 0;
  }
  if (/^\d+(\.\d+)?$/.test(trimmed)) {
    return Number(trimmed);
  }
  if (!/^(\d+(\.\d+)?[dhms])+$/.test(trimmed)) {
    return null;
  }
  let seconds = 0;
  for (const [, amount, unit] of trimmed.matchAll(/(\d+(?:\.\d+)?)([dhms])/g)) {
    seconds += Number(amount) * UNITS[unit];
  }
  return seconds;
}

/** "300s" → "5m", "5400s" → "1h30m"; empty for none or zero. */
export function humanDuration(proto: string | undefined): string {
  if (proto === undefined || proto === '') {
    return '';
  }
  const match = /^(\d+(?:\.\d+)?)s$/.exec(proto);
  if (match === null) {
    return proto;
  }
  let left = Number(match[1]);
  if (left === 0) {
    return '';
  }
  let text = '';
  for (const [unit, size] of Object.entries(UNITS)) {
    if (left >= size) {
      const whole = unit === 's' ? left : Math.floor(left / size);
      text += `${whole}${unit}`;
      left -= whole * size;
    }
  }
  return text;
}

export function protoDuration(seconds: number): string {
  return `${seconds}s`;
}
