import type { SensorSelector } from './types.js';

/** One series' past values, oldest first (epoch ms). */
export interface PastPoint {
  time: number;
  value: number;
}

export interface BacktestResult {
  /** How many times it would have started firing. */
  firings: number;
  /** Time spent firing within the range, in ms. */
  firingMillis: number;
}

export type BacktestCondition =
  | { kind: 'threshold'; above: boolean; value: number; hysteresis: number; forMillis: number; keepFiringMillis: number }
  | { kind: 'rateOfChange'; maxChange: number; perMillis: number }
  | { kind: 'noData'; afterMillis: number };

/**
 * Replays a condition over stored values the way alert-service evaluates readings (pending, then
 * firing after `for`; cleared beyond the hysteresis and after `keep firing for`). An estimate: the
 * stored values may be averaged per window, so short spikes can be smoothed away.
 */
export function backtest(points: PastPoint[], condition: BacktestCondition, end: number): BacktestResult {
  switch (condition.kind) {
    case 'threshold':
      return threshold(points, condition, end);
    case 'rateOfChange':
      return rateOfChange(points, condition, end);
    case 'noData':
      return noData(points, condition, end);
  }
}

function threshold(
  points: PastPoint[],
  c: Extract<BacktestCondition, { kind: 'threshold' }>,
  end: number,
): BacktestResult {
  let state: 'ok' | 'pending' | 'firing' = 'ok';
  let pendingSince = 0;
  let firingSince = 0;
  let backSince: number | null = null;
  let firings = 0;
  let firingMillis = 0;
  const beyond = (v: number) => (c.above ? v > c.value : v < c.value);
  const cleared = (v: number) => (c.above ? v < c.value - c.hysteresis : v > c.value + c.hysteresis);
  for (const point of points) {
    if (state === 'ok') {
      if (beyond(point.value)) {
        state = 'pending';
        pendingSince = point.time;
      }
    }
    if (state === 'pending') {
      if (!beyond(point.value)) {
        state = 'ok';
      } else if (point.time - pendingSince >= c.forMillis) {
        state = 'firing';
        firingSince = point.time;
        backSince = null;
        firings++;
      }
    } else if (state === 'firing') {
      if (cleared(point.value)) {
        backSince ??= point.time;
        if (point.time - backSince >= c.keepFiringMillis) {
          state = 'ok';
          firingMillis += point.time - firingSince;
        }
      } else {
        backSince = null;
      }
    }
  }
  if (state === 'firing') {
    firingMillis += end - firingSince;
  }
  return { firings, firingMillis };
}

function rateOfChange(
  points: PastPoint[],
  c: Extract<BacktestCondition, { kind: 'rateOfChange' }>,
  end: number,
): BacktestResult {
  let firings = 0;
  let firingMillis = 0;
  let firingSince: number | null = null;
  let start = 0;
  for (let i = 0; i < points.length; i++) {
    const now = points[i].time;
    while (points[start].time < now - c.perMillis) {
      start++;
    }
    let min = Infinity;
    let max = -Infinity;
    for (let k = start; k <= i; k++) {
      min = Math.min(min, points[k].value);
      max = Math.max(max, points[k].value);
    }
    const fires = max - min > c.maxChange;
    if (fires && firingSince === null) {
      firingSince = now;
      firings++;
    } else if (!fires && firingSince !== null) {
      firingMillis += now - firingSince;
      firingSince = null;
    }
  }
  if (firingSince !== null) {
    firingMillis += end - firingSince;
  }
  return { firings, firingMillis };
}

function noData(points: PastPoint[], c: Extract<BacktestCondition, { kind: 'noData' }>, end: number): BacktestResult {
  let firings = 0;
  let firingMillis = 0;
  const times = [...points.map((p) => p.time), end];
  for (let i = 1; i < times.length; i++) {
    const gap = times[i] - times[i - 1];
    if (gap > c.afterMillis) {
      firings++;
      firingMillis += gap - c.afterMillis;
    }
  }
  return { firings, firingMillis };
}

/** Whether a catalogue sensor matches a rule's selector (empty fields match everything). */
export function selectorMatches(
  selector: SensorSelector,
  sensor: { key: { deviceId: string; sensor: string; quantity: string }; location: string },
): boolean {
  return (
    (!selector.deviceId || selector.deviceId === sensor.key.deviceId) &&
    (!selector.sensor || selector.sensor === sensor.key.sensor) &&
    (!selector.quantity || selector.quantity === sensor.key.quantity) &&
    (!selector.location || selector.location === sensor.location)
  );
}
