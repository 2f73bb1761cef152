/** Series as the explorer keeps them: per sensor, plain arrays of times and mean, min and max. */
import type { AlignedData } from 'uplot';
import type { Point, SensorKey } from '../model.js';
import type { RoomSpan } from './rooms.js';

export interface BandSeries {
  id: string;
  key: SensorKey;
  unit: string;
  label: string;
  /** The window in milliseconds; 0 for raw readings (no min/max). */
  windowMs: number;
  /** Epoch milliseconds, ascending. */
  times: number[];
  mean: number[];
  /** NaN where the API gave none (raw readings). */
  min: number[];
  max: number[];
  /** How many readings the last point's mean is made of, for appending live readings to it. */
  lastCount: number;
  /** The rooms the sensor was in over the range, oldest first. */
  rooms: RoomSpan[];
}

export function toBandSeries(
  id: string,
  key: SensorKey,
  unit: string,
  label: string,
  windowMs: number,
  points: Point[],
  rooms: RoomSpan[] = [],
): BandSeries {
  const sorted = [...points].sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
  const series: BandSeries = { id, key, unit, label, windowMs, times: [], mean: [], min: [], max: [], lastCount: 1, rooms };
  for (const point of sorted) {
    const time = Date.parse(point.time);
    const value = Number(point.value ?? 0);
    if (!Number.isFinite(time) || !Number.isFinite(value)) {
      continue;
    }
    series.times.push(time);
    series.mean.push(value);
    // Proto JSON leaves out zeros: in a windowed (band) series a missing min or max is 0.
    const missing = windowMs > 0 ? 0 : NaN;
    series.min.push(point.min === undefined ? missing : Number(point.min));
    series.max.push(point.max === undefined ? missing : Number(point.max));
  }
  return series;
}

/**
 * Band points from the three aggregates asked for separately (before the server knew BAND): one
 * point per window of the mean series, with the min and max of the same window (the mean when
 * that one is missing).
 */
export function mergeAggregates(mean: Point[], min: Point[], max: Point[]): Point[] {
  const byTime = (points: Point[]) => new Map(points.map((p) => [Date.parse(p.time), Number(p.value ?? 0)]));
  const mins = byTime(min);
  const maxes = byTime(max);
  return mean.map((point) => {
    const time = Date.parse(point.time);
    const value = Number(point.value ?? 0);
    return { time: point.time, value, min: mins.get(time) ?? value, max: maxes.get(time) ?? value };
  });
}

/** Readings further apart than this are drawn with a gap between them, not joined. */
export function gapThreshold(series: BandSeries): number {
  if (series.windowMs > 0) {
    return series.windowMs * 2.5;
  }
  const steps: number[] = [];
  for (let i = 1; i < series.times.length; i++) {
    steps.push(series.times[i] - series.times[i - 1]);
  }
  if (steps.length === 0) {
    return Infinity;
  }
  steps.sort((a, b) => a - b);
  return Math.max(60_000, steps[Math.floor(steps.length / 2)] * 5);
}

/**
 * uPlot's data for one chart: the union of every series' times (in seconds), then per series its
 * min, max and mean. Where a series has no point at a time it is undefined (the line goes on);
 * where its own points are further apart than {@link gapThreshold} a null is put between them (a gap).
 */
export function alignBands(series: BandSeries[]): AlignedData {
  const gaps: number[][] = series.map((s) => {
    const threshold = gapThreshold(s);
    const out: number[] = [];
    for (let i = 1; i < s.times.length; i++) {
      if (s.times[i] - s.times[i - 1] > threshold) {
        out.push((s.times[i] + s.times[i - 1]) / 2);
      }
    }
    return out;
  });
  let total = 0;
  series.forEach((s, i) => (total += s.times.length + gaps[i].length));
  const all = new Float64Array(total);
  let at = 0;
  series.forEach((s, i) => {
    all.set(s.times, at);
    at += s.times.length;
    all.set(gaps[i], at);
    at += gaps[i].length;
  });
  all.sort();
  const xs: number[] = [];
  for (let i = 0; i < all.length; i++) {
    if (i === 0 || all[i] !== all[i - 1]) {
      xs.push(all[i]);
    }
  }
  const data: (number | null | undefined)[][] = [xs.map((ms) => ms / 1000)];
  series.forEach((s, index) => {
    const min = new Array<number | null | undefined>(xs.length).fill(undefined);
    const max = new Array<number | null | undefined>(xs.length).fill(undefined);
    const mean = new Array<number | null | undefined>(xs.length).fill(undefined);
    const own = gaps[index];
    let p = 0;
    let g = 0;
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i];
      if (p < s.times.length && s.times[p] === x) {
        mean[i] = s.mean[p];
        min[i] = Number.isNaN(s.min[p]) ? undefined : s.min[p];
        max[i] = Number.isNaN(s.max[p]) ? undefined : s.max[p];
        p++;
      } else if (g < own.length && own[g] === x) {
        mean[i] = min[i] = max[i] = null;
        g++;
      }
    }
    data.push(min, max, mean);
  });
  return data as unknown as AlignedData;
}

/**
 * Adds a live reading: into the last window when it falls in it (mean, min and max updated), as a
 * new point otherwise; then drops points before {@code from} and beyond {@code limit}.
 */
export function appendReading(series: BandSeries, time: number, value: number, from: number, limit: number): void {
  if (!Number.isFinite(time) || !Number.isFinite(value)) {
    return;
  }
  const last = series.times.length - 1;
  if (series.windowMs > 0) {
    const start = Math.floor(time / series.windowMs) * series.windowMs;
    if (last >= 0 && series.times[last] === start) {
      const n = series.lastCount;
      series.mean[last] = (series.mean[last] * n + value) / (n + 1);
      series.min[last] = Number.isNaN(series.min[last]) ? value : Math.min(series.min[last], value);
      series.max[last] = Number.isNaN(series.max[last]) ? value : Math.max(series.max[last], value);
      series.lastCount = n + 1;
    } else if (last < 0 || start > series.times[last]) {
      push(series, start, value, value, value);
    }
  } else if (last < 0 || time > series.times[last]) {
    push(series, time, value, NaN, NaN);
  }
  let drop = 0;
  while (drop < series.times.length && series.times[drop] + series.windowMs < from) {
    drop++;
  }
  drop = Math.max(drop, series.times.length - limit);
  if (drop > 0) {
    for (const array of [series.times, series.mean, series.min, series.max]) {
      array.splice(0, drop);
    }
  }
}

function push(series: BandSeries, time: number, mean: number, min: number, max: number): void {
  series.times.push(time);
  series.mean.push(mean);
  series.min.push(min);
  series.max.push(max);
  series.lastCount = 1;
}
