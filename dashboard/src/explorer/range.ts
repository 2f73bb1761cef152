/** Time ranges of the explorer: quick ranges ending now, absolute ones, windows, zoom and pan. */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const QUICK_RANGES = {
  '1h': HOUR,
  '6h': 6 * HOUR,
  '24h': DAY,
  '7d': 7 * DAY,
  '30d': 30 * DAY,
  '1y': 365 * DAY,
} as const;

export type QuickRange = keyof typeof QUICK_RANGES;

export type RangeSpec = { kind: 'quick'; name: QuickRange } | { kind: 'absolute'; from: number; to: number };

/** A range resolved to epoch milliseconds; live when it ends now (a quick range). */
export interface ResolvedRange {
  from: number;
  to: number;
  live: boolean;
}

/** The query service refuses longer ranges. */
export const MAX_SPAN = 400 * DAY;
/** Zooming in stops here: finer than this the raw readings are shown anyway. */
export const MIN_SPAN = MINUTE;
/** Ranges up to this long are drawn from the raw readings. */
export const RAW_MAX_SPAN = 30 * MINUTE;
/** At most this many windows per series, however wide the chart. */
export const MAX_POINTS_PER_SERIES = 1000;

/** The round windows the explorer asks for, smallest first. */
export const WINDOWS = [
  1_000,
  2_000,
  5_000,
  10_000,
  15_000,
  30_000,
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
] as const;

export function isQuickRange(name: string): name is QuickRange {
  return Object.prototype.hasOwnProperty.call(QUICK_RANGES, name);
}

export function resolveRange(spec: RangeSpec, now: number): ResolvedRange {
  if (spec.kind === 'quick') {
    return { from: now - QUICK_RANGES[spec.name], to: now, live: true };
  }
  return { from: spec.from, to: spec.to, live: false };
}

/** Why an absolute range cannot be shown, or null when it can. */
export function rangeProblem(from: number, to: number): string | null {
  if (!Number.isFinite(from) || !Number.isFinite(to)) {
    return 'Enter both a start and an end.';
  }
  if (to <= from) {
    return 'The end must be after the start.';
  }
  if (to - from > MAX_SPAN) {
    return 'A range may span at most 400 days.';
  }
  return null;
}

/**
 * The window for a chart of this pixel width: the smallest round window that keeps a series at one
 * point per pixel and at most {@link MAX_POINTS_PER_SERIES}; 0 (raw readings) for short ranges.
 */
export function chooseWindow(spanMs: number, pixelWidth: number): number {
  if (spanMs <= RAW_MAX_SPAN) {
    return 0;
  }
  const points = Math.max(50, Math.min(MAX_POINTS_PER_SERIES, Math.floor(pixelWidth) || MAX_POINTS_PER_SERIES));
  return roundWindow(spanMs / points);
}

/** The smallest round window at least {@code ideal} milliseconds long. */
export function roundWindow(ideal: number): number {
  for (const window of WINDOWS) {
    if (window >= ideal) {
      return window;
    }
  }
  return Math.ceil(ideal / DAY) * DAY;
}

/** The range between two chart positions (in either order), at least {@link MIN_SPAN} wide. */
export function zoomRange(a: number, b: number): { from: number; to: number } {
  let from = Math.min(a, b);
  let to = Math.max(a, b);
  if (to - from < MIN_SPAN) {
    const middle = (from + to) / 2;
    from = middle - MIN_SPAN / 2;
    to = middle + MIN_SPAN / 2;
  }
  return { from: Math.round(from), to: Math.round(to) };
}

/**
 * The range moved by {@code fraction} of its span (negative: into the past), never past now.
 */
export function panRange(from: number, to: number, fraction: number, now: number): { from: number; to: number } {
  let shift = (to - from) * fraction;
  if (to + shift > now) {
    shift = Math.max(0, now - to);
  }
  return { from: Math.round(from + shift), to: Math.round(to + shift) };
}

/**
 * The range scaled around its middle by {@code factor} (2: zoom out, 0.5: zoom in), ending no later
 * than now, between {@link MIN_SPAN} and {@link MAX_SPAN}.
 */
export function scaleRange(from: number, to: number, factor: number, now: number): { from: number; to: number } {
  const span = Math.max(MIN_SPAN, Math.min(MAX_SPAN, (to - from) * factor));
  const middle = (from + to) / 2;
  let end = Math.min(now, middle + span / 2);
  const start = end - span;
  end = start + span;
  return { from: Math.round(start), to: Math.round(end) };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A `datetime-local` value (local time, minutes) for epoch milliseconds. */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Epoch milliseconds of a `datetime-local` value in the browser's time zone; NaN when not one. */
export function fromLocalInput(text: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (match === null) {
    return NaN;
  }
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0));
  const date = new Date(year, month - 1, day, hour, minute, second);
  if (date.getMonth() !== month - 1 || date.getDate() !== day) {
    return NaN;
  }
  return date.getTime();
}
