import type { Point } from '../model.js';

/** When the usual interval of a sensor is not known. */
export const UNKNOWN_INTERVAL_STALE_MS = 15 * 60_000;

/** A sensor is stale when not seen for longer than this many of its usual intervals. */
export const STALE_INTERVALS = 3;

/**
 * A sensor's usual interval between readings from its reading counts per window (a COUNT series,
 * empty windows left out). With several readings a window: the window over the median count;
 * with one or fewer: the median gap between windows that had any. The newest window is still
 * filling, so it is left out while there are others. NaN when it cannot tell.
 */
export function usualInterval(counts: readonly Point[], windowMs: number): number {
  const full = counts.length > 2 ? counts.slice(0, -1) : counts;
  const nonEmpty = full.filter((point) => point.value > 0);
  if (nonEmpty.length === 0 || !(windowMs > 0)) {
    return NaN;
  }
  const perWindow = median(nonEmpty.map((point) => point.value));
  if (perWindow >= 2) {
    return windowMs / perWindow;
  }
  const times = nonEmpty.map((point) => Date.parse(point.time));
  const gaps: number[] = [];
  for (let i = 1; i < times.length; i++) {
    gaps.push(times[i] - times[i - 1]);
  }
  return gaps.length === 0 ? NaN : Math.max(windowMs / Math.max(perWindow, 1), median(gaps));
}

export function isStale(lastSeen: number, intervalMs: number, now: number): boolean {
  if (!Number.isFinite(lastSeen)) {
    return true;
  }
  const limit = Number.isFinite(intervalMs) && intervalMs > 0 ? STALE_INTERVALS * intervalMs : UNKNOWN_INTERVAL_STALE_MS;
  return now - lastSeen > limit;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
