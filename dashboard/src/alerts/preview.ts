import { api } from '../api.js';
import type { Sensor, Series } from '../model.js';
import { backtest, selectorMatches, type BacktestCondition, type BacktestResult } from './backtest.js';
import { durationMillis } from '../format.js';
import type { Rule } from './types.js';

/** The query contract takes at most 50 series per request. */
const MAX_SERIES = 50;

export interface SeriesBacktest extends BacktestResult {
  label: string;
}

export interface BacktestReport {
  series: SeriesBacktest[];
  /** Matching sensors left out beyond MAX_SERIES. */
  leftOut: number;
  window: string;
}

export function conditionOf(rule: Rule): BacktestCondition | null {
  const ms = (text: string | undefined) => (text ? durationMillis(text) : 0);
  if (rule.threshold) {
    return {
      kind: 'threshold',
      above: rule.threshold.comparison !== 'COMPARISON_BELOW',
      value: rule.threshold.value ?? 0,
      hysteresis: rule.threshold.hysteresis ?? 0,
      forMillis: ms(rule.threshold.forDuration),
      keepFiringMillis: ms(rule.threshold.keepFiringFor),
    };
  }
  if (rule.noData) {
    return { kind: 'noData', afterMillis: ms(rule.noData.after) };
  }
  if (rule.rateOfChange) {
    return { kind: 'rateOfChange', maxChange: rule.rateOfChange.maxChange ?? 0, perMillis: ms(rule.rateOfChange.per) };
  }
  return null;
}

/** Replays the rule over the stored values of its matching sensors since `rangeMillis` ago. */
export async function backtestRule(rule: Rule, sensors: Sensor[], rangeMillis: number, now = Date.now()): Promise<BacktestReport> {
  const condition = conditionOf(rule);
  const matching = sensors.filter((sensor) => selectorMatches(rule.selector ?? {}, sensor));
  if (condition === null || matching.length === 0) {
    return { series: [], leftOut: 0, window: '' };
  }
  // The most recently active first: those are the ones a rule would watch now.
  const chosen = [...matching].sort((a, b) => (b.lastSeen ?? '').localeCompare(a.lastSeen ?? '')).slice(0, MAX_SERIES);
  // Above a threshold the window's maximum matters, below it the minimum; change and gaps use the mean.
  const aggregate =
    condition.kind === 'threshold' ? (condition.above ? 'AGGREGATE_MAX' : 'AGGREGATE_MIN') : 'AGGREGATE_MEAN';
  const answer = await api.request<{ series?: Series[] }>('POST', '/api/v1/readings:series', {
    sensors: chosen.map((sensor) => sensor.key),
    start: new Date(now - rangeMillis).toISOString(),
    end: new Date(now).toISOString(),
    aggregate,
    maxPoints: 2000,
  });
  const series = (answer.series ?? []).map((s) => {
    const points = s.points.map((p) => ({ time: new Date(p.time).getTime(), value: Number(p.value) }));
    const label = [s.deviceName || s.key.deviceId, s.key.sensor, s.key.quantity].join(' / ');
    return { label, ...backtest(points, condition, now) };
  });
  series.sort((a, b) => b.firings - a.firings || b.firingMillis - a.firingMillis);
  return { series, leftOut: matching.length - chosen.length, window: answer.series?.[0]?.window ?? '' };
}
