import { formatValue } from '../format.js';
import { humanDuration, protoDuration } from './durations.js';
import { numberOf, seriesText } from './labels.js';
import type { BacktestEpisode, Rule, RuleBacktest } from './types.js';

/** The spans the rule editor replays a rule over, newest first. */
export const BACKTEST_SPANS = [
  { label: 'Last 24 hours', seconds: 86_400 },
  { label: 'Last 7 days', seconds: 7 * 86_400 },
] as const;

/** BacktestRule's body: the rule as the form would save it, over the last `seconds`. */
export function backtestRequest(rule: Rule, seconds: number): { rule: Rule; span: string } {
  return { rule, span: protoDuration(seconds) };
}

/** "Would have fired 3 times on 2 series (1,440 readings)." */
export function backtestSummary(result: RuleBacktest, locale?: string): string {
  const series = result.series ?? 0;
  if (series === 0) {
    return 'No stored reading in this span matches the selector.';
  }
  const firings = result.firings ?? 0;
  const readings = new Intl.NumberFormat(locale).format(result.readings ?? 0);
  return `Would have fired ${firings} ${firings === 1 ? 'time' : 'times'} on ${series} series (${readings} ${result.readings === 1 ? 'reading' : 'readings'}).`;
}

/** Said under the table when the server listed only the newest episodes. */
export function truncationNote(result: RuleBacktest): string | null {
  const listed = result.episodes?.length ?? 0;
  return result.truncated ? `The newest ${listed} of ${result.firings ?? 0} episodes are listed.` : null;
}

export interface EpisodeRow {
  series: string;
  firedAt: string;
  resolvedAt: string;
  /** How long it fired; "at least …" when it still fired at the end of the span. */
  lasted: string;
  value: string;
  reason: string;
}

/** How times are shown; tests pin the locale and time zone. */
export interface TimeStyle {
  locale?: string;
  timeZone?: string;
}

/** The table's rows, newest first as the server lists them. */
export function episodeRows(result: RuleBacktest, style: TimeStyle = {}): EpisodeRow[] {
  const end = result.end ? Date.parse(result.end) : Date.now();
  return (result.episodes ?? []).map((episode) => episodeRow(episode, end, style));
}

function episodeRow(episode: BacktestEpisode, end: number, style: TimeStyle): EpisodeRow {
  const fired = episode.firedAt ? Date.parse(episode.firedAt) : NaN;
  const resolved = episode.resolvedAt ? Date.parse(episode.resolvedAt) : NaN;
  const still = Number.isNaN(resolved);
  const value = numberOf(episode.value);
  return {
    series: seriesText(episode),
    firedAt: Number.isNaN(fired) ? '' : timeText(fired, style),
    resolvedAt: still ? 'still firing' : timeText(resolved, style),
    lasted: Number.isNaN(fired) ? '' : (still ? 'at least ' : '') + lengthText((still ? end : resolved) - fired),
    value: Number.isFinite(value) ? formatValue(value, episode.unit ?? '', style.locale) : '–',
    reason: episode.reason ?? '',
  };
}

/** To the second: episodes can be seconds long. */
function timeText(time: number, style: TimeStyle): string {
  return new Date(time).toLocaleString(style.locale, {
    timeZone: style.timeZone,
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

function lengthText(millis: number): string {
  const seconds = Math.round(millis / 1000);
  return seconds < 1 ? 'under a second' : humanDuration(protoDuration(seconds));
}
