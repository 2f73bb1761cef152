import { api } from '../api.js';
import { sensorId, type Series, type SensorKey } from '../model.js';
import { chooseWindow, SPARKLINE_SPAN_MS } from './sparkline.js';

/** GetSeries takes at most this many sensors a request. */
export const SERIES_BATCH = 50;

export interface Trends {
  /** The sensors asked for in this batch (each has a series, or none when it had no readings). */
  keys: SensorKey[];
  windowMs: number;
  means: Map<string, Series>;
  /** Readings per window, for each sensor's usual interval; empty when they could not be had. */
  counts: Map<string, Series>;
}

/** Splits the keys into requests of at most {@link SERIES_BATCH}. */
export function batches<T>(items: readonly T[], size = SERIES_BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size));
  }
  return out;
}

/**
 * The last 24 h of the sensors: the means for the sparklines and, alongside, the counts per window
 * for the usual intervals. One request of each for up to {@link SERIES_BATCH} sensors; more go in
 * batches one after the other (so they do not crowd out other requests), each handed to onBatch as
 * it arrives. A failed COUNT only leaves the intervals unknown.
 */
export async function loadTrends(keys: readonly SensorKey[], onBatch: (trends: Trends) => void, now = Date.now()): Promise<void> {
  const windowMs = chooseWindow(SPARKLINE_SPAN_MS);
  const body = (sensors: SensorKey[], aggregate: string) => ({
    sensors,
    start: new Date(now - SPARKLINE_SPAN_MS).toISOString(),
    end: new Date(now).toISOString(),
    window: `${windowMs / 1000}s`,
    aggregate,
    maxPoints: Math.ceil(SPARKLINE_SPAN_MS / windowMs) + 2,
  });
  const bySensor = (answer: { series?: Series[] }) => new Map((answer.series ?? []).map((series) => [sensorId(series.key), series]));
  for (const sensors of batches(keys)) {
    const [means, counts] = await Promise.all([
      api.request<{ series?: Series[] }>('POST', '/api/v1/readings:series', body(sensors, 'AGGREGATE_MEAN')).then(bySensor),
      api
        .request<{ series?: Series[] }>('POST', '/api/v1/readings:series', body(sensors, 'AGGREGATE_COUNT'))
        .then(bySensor)
        .catch(() => new Map<string, Series>()),
    ]);
    onBatch({ keys: sensors, windowMs, means, counts });
  }
}
