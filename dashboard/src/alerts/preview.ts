import { api } from '../api.js';
import { messageOf } from '../ui.js';
import { BACKTEST_SPANS, backtestRequest } from './backtest.js';
import type { RenderedMessage, Rule, RuleBacktest } from './types.js';

/** One span's backtest, or why it could not be run. */
export interface SpanBacktest {
  label: string;
  result: RuleBacktest | null;
  error: string | null;
}

export interface RulePreviewResult {
  messages: RenderedMessage[];
  backtests: SpanBacktest[];
}

/**
 * The rule's rendered messages (PreviewRule) and what it would have done over each span
 * (BacktestRule, replayed by alert-service over every stored reading). A refused rule rejects,
 * with the server's message naming the field; a backtest that fails otherwise (too many
 * readings, InfluxDB away) says so in its own span.
 */
export async function previewRule(rule: Rule): Promise<RulePreviewResult> {
  const preview = await api.request<{ messages?: RenderedMessage[] }>('POST', '/api/v1/alert-rule-previews', rule);
  // One after the other, and only for a rule the server takes: alert-service runs few at once.
  const backtests: SpanBacktest[] = [];
  for (const span of BACKTEST_SPANS) {
    try {
      const result = await api.request<RuleBacktest>('POST', '/api/v1/alert-rule-backtests', backtestRequest(rule, span.seconds));
      backtests.push({ label: span.label, result, error: null });
    } catch (e) {
      backtests.push({ label: span.label, result: null, error: messageOf(e) });
    }
  }
  return { messages: preview.messages ?? [], backtests };
}
