/** The 24 h trend line of a tile: the window that gives about 100 points, the live tail, the SVG path. */

export const SPARKLINE_SPAN_MS = 24 * 3_600_000;
export const SPARKLINE_POINTS = 100;

/** Round windows, so points fall on familiar times (the server aligns windows to the epoch). */
const ROUND_WINDOWS_S = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

/** The round window nearest to span / points (24 h → 15 min, 96 points). */
export function chooseWindow(spanMs: number, points = SPARKLINE_POINTS): number {
  const ideal = spanMs / points / 1000;
  let best = ROUND_WINDOWS_S[0];
  for (const seconds of ROUND_WINDOWS_S) {
    if (Math.abs(Math.log(seconds / ideal)) < Math.abs(Math.log(best / ideal))) {
      best = seconds;
    }
  }
  return best * 1000;
}

/** One window's mean and how many readings made it (0 when the count is not known). */
export interface TrendPoint {
  time: number;
  value: number;
  count: number;
}

/**
 * Adds a live reading: into the mean of the window it falls in, or as a new window at the end;
 * windows older than the span are dropped, so the trend stays bounded however long the page runs.
 * A reading older than the last window is ignored (it would not change the tail).
 */
export function addReading(points: TrendPoint[], time: number, value: number, windowMs: number, spanMs = SPARKLINE_SPAN_MS): TrendPoint[] {
  if (!Number.isFinite(value) || !Number.isFinite(time)) {
    return points;
  }
  const start = Math.floor(time / windowMs) * windowMs;
  const last = points[points.length - 1];
  let next: TrendPoint[];
  if (last !== undefined && start < last.time) {
    return points;
  }
  if (last !== undefined && start === last.time) {
    const count = Math.max(last.count, 1);
    next = points.slice(0, -1);
    next.push({ time: start, value: (last.value * count + value) / (count + 1), count: count + 1 });
  } else {
    next = [...points, { time: start, value, count: 1 }];
  }
  const cutoff = time - spanMs;
  let drop = 0;
  while (drop < next.length - 1 && next[drop].time + windowMs <= cutoff) {
    drop++;
  }
  return drop === 0 ? next : next.slice(drop);
}

/**
 * The SVG path of the points in a width × height box: time from start to end left to right, the
 * values' range bottom to top (a flat line in the middle when they are all the same); a gap of
 * more than three windows without data breaks the line. Empty when there are no points.
 */
export function sparklinePath(points: readonly TrendPoint[], start: number, end: number, width: number, height: number, windowMs: number): string {
  const finite = points.filter((point) => Number.isFinite(point.value));
  if (finite.length === 0 || !(end > start)) {
    return '';
  }
  let min = Infinity;
  let max = -Infinity;
  for (const point of finite) {
    min = Math.min(min, point.value);
    max = Math.max(max, point.value);
  }
  const pad = height * 0.1;
  const y = (value: number) => (max === min ? height / 2 : pad + ((max - value) / (max - min)) * (height - 2 * pad));
  const x = (time: number) => Math.min(width, Math.max(0, ((time - start) / (end - start)) * width));
  const round = (n: number) => Math.round(n * 100) / 100;
  let d = '';
  let previous = -Infinity;
  for (const point of finite) {
    const move = point.time - previous > 3 * windowMs;
    d += `${d === '' ? '' : ' '}${move ? 'M' : 'L'}${round(x(point.time))},${round(y(point.value))}`;
    previous = point.time;
  }
  // A lone point would draw nothing: make it a short dash.
  if (!d.includes('L')) {
    d = d.replace(/M([\d.]+),([\d.]+)$/, (_, px: string, py: string) => `M${px},${py} l${Math.min(2, width - Number(px))},0`);
  }
  return d;
}
