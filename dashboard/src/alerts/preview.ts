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
  // All three at once; allSettled never rejects, so a refused preview leaves nothing unhandled.
  const backtests = Promise.allSettled(
    BACKTEST_SPANS.map((span) => api.request<RuleBacktest>('POST', '/api/v1/alert-rule-backtests', backtestRequest(rule, span.seconds))),
  );
  const preview = await api.request<{ messages?: RenderedMessage[] }>('POST', '/api/v1/alert-rule-previews', rule);
  return {
    messages: preview.messages ?? [],
    backtests: (await backtests).map((settled, i) => ({
      label: BACKTEST_SPANS[i].label,
      result: settled.status === 'fulfilled' ? settled.value : null,
      error: settled.status === 'rejected' ? messageOf(settled.reason) : null,
    })),
  };
}
