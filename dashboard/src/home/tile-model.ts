import type { Point, Reading, Sensor } from '../model.js';
import { usualInterval } from './freshness.js';
import { addReading, type TrendPoint } from './sparkline.js';

/**
 * One tile's data, changed in place as readings arrive; the tile element listens, so a reading
 * re-renders its one tile and not the page.
 */
export class TileModel {
  value: number;
  unit: string;
  lastSeen: number;
  /** NaN until the counts are in (or when they cannot tell). */
  intervalMs = NaN;
  /** null until the 24 h series is in. */
  trend: TrendPoint[] | null = null;
  windowMs = 0;
  /** Set once the page has asked for the trend, so it is asked for once. */
  trendRequested = false;
  private readonly listeners = new Set<() => void>();

  constructor(readonly sensor: Sensor) {
    this.value = Number(sensor.lastValue);
    this.unit = sensor.unit;
    this.lastSeen = sensor.lastSeen ? Date.parse(sensor.lastSeen) : NaN;
  }

  setTrend(means: readonly Point[], counts: readonly Point[] | undefined, windowMs: number): void {
    const countAt = new Map((counts ?? []).map((point) => [Date.parse(point.time), Number(point.value)]));
    this.windowMs = windowMs;
    this.trend = means.map((point) => {
      const time = Date.parse(point.time);
      return { time, value: Number(point.value), count: countAt.get(time) ?? 0 };
    });
    if (counts !== undefined) {
      this.intervalMs = usualInterval(counts.map((point) => ({ time: point.time, value: Number(point.value) })), windowMs);
    }
    this.changed();
  }

  /** A live reading; older ones than the value shown change nothing. */
  apply(reading: Reading): void {
    const time = Date.parse(reading.time);
    const value = Number(reading.value);
    if (!Number.isFinite(time) || (Number.isFinite(this.lastSeen) && time < this.lastSeen)) {
      return;
    }
    this.value = value;
    this.lastSeen = time;
    if (reading.unit) {
      this.unit = reading.unit;
    }
    if (this.trend !== null && this.windowMs > 0) {
      this.trend = addReading(this.trend, time, value, this.windowMs);
    }
    this.changed();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  changed(): void {
    this.listeners.forEach((listener) => listener());
  }
}
