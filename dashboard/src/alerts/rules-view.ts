import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api } from '../api.js';
import { formatDateTime } from '../format.js';
import { session } from '../session.js';
import { AppElement, errorBox, loading } from '../ui.js';
import { done, failed, noticeView, type Notice } from '../admin/notice.js';
import { humanDuration } from './durations.js';
import { severityBadge } from './labels.js';
import { isSilenced, silenceUntil } from './rule-form.js';
import type { Rule } from './types.js';

export function conditionText(rule: Rule): string {
  if (rule.threshold) {
    const t = rule.threshold;
    const forText = humanDuration(t.forDuration);
    return `${t.comparison === 'COMPARISON_BELOW' ? 'below' : 'above'} ${t.value ?? 0}${forText ? ` for ${forText}` : ''}`;
  }
  if (rule.noData) {
    return `no data for ${humanDuration(rule.noData.after)}`;
  }
  if (rule.rateOfChange) {
    return `changes by more than ${rule.rateOfChange.maxChange ?? 0} within ${humanDuration(rule.rateOfChange.per)}`;
  }
  return '–';
}

function selectorText(rule: Rule): string {
  const s = rule.selector ?? {};
  const parts = [s.deviceId && `device ${s.deviceId}`, s.sensor && `sensor ${s.sensor}`, s.quantity, s.location && `in ${s.location}`];
  return parts.filter((p) => p).join(', ') || 'every sensor';
}

/** Every rule with its series' states; new, silence and delete for those who may manage alerts. */
@customElement('ch-alert-rules')
export class AlertRulesView extends AppElement {
  @state() private rules: Rule[] | null = null;
  @state() private error: unknown = null;
  @state() private notice: Notice = null;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.rules = (await api.request<{ rules?: Rule[] }>('GET', '/api/v1/alert-rules')).rules ?? [];
      this.error = null;
    } catch (error) {
      this.error = error;
      this.rules ??= [];
    }
  }

  private async deleteOne(rule: Rule): Promise<void> {
    if (!confirm(`Delete the rule “${rule.name}”? Its alerts and pending notifications go with it.`)) {
      return;
    }
    try {
      await api.request('DELETE', `/api/v1/alert-rules/${encodeURIComponent(rule.id!)}`);
      await this.load();
      this.notice = done(`Deleted “${rule.name}”.`);
    } catch (error) {
      this.notice = failed(error);
    }
  }

  private async silence(rule: Rule, hours: number): Promise<void> {
    try {
      const until = hours > 0 ? silenceUntil(hours) : new Date(0).toISOString();
      const updated = await api.request<Rule>('POST', `/api/v1/alert-rules/${encodeURIComponent(rule.id!)}:silence`, { until });
      this.rules = (this.rules ?? []).map((r) => (r.id === updated.id ? updated : r));
      this.notice = done(hours > 0 ? `“${rule.name}” silenced for ${hours} h.` : `Silence of “${rule.name}” lifted.`);
    } catch (error) {
      this.notice = failed(error);
    }
  }

  override render() {
    const manage = session.can('alerts:manage');
    return html`<div class="row heading-row">
        <h2>Rules</h2>
        ${manage ? html`<a class="button primary" href="/alerts/rules/new">New rule</a>` : nothing}
      </div>
      ${errorBox(this.error)} ${noticeView(this.notice)}
      ${this.rules === null
        ? loading('Loading rules…')
        : this.rules.length === 0
          ? html`<p class="empty card">No rules yet.${manage ? html` <a href="/alerts/rules/new">Create the first one</a>.` : nothing}</p>`
          : html`<div class="table-scroll">
              <table class="rules">
                <caption class="visually-hidden">Alert rules</caption>
                <thead>
                  <tr><th>Rule</th><th>Watches</th><th>Fires when</th><th>Series</th>${manage ? html`<th>Actions</th>` : nothing}</tr>
                </thead>
                <tbody>
                  ${this.rules.map((rule) => this.row(rule, manage))}
                </tbody>
              </table>
            </div>`}`;
  }

  private row(rule: Rule, manage: boolean) {
    const status = rule.status ?? {};
    const silenced = isSilenced(rule.silencedUntil);
    return html`<tr data-rule=${rule.id!}>
      <td>
        <a href="/alerts/rules/${encodeURIComponent(rule.id!)}">${rule.name}</a> ${severityBadge(rule.severity)}
        ${rule.enabled ? nothing : html`<span class="badge">disabled</span>`}
        ${silenced ? html`<br /><span class="muted">Silenced until ${formatDateTime(rule.silencedUntil!)}</span>` : nothing}
      </td>
      <td>${selectorText(rule)}</td>
      <td>${conditionText(rule)}</td>
      <td>${status.firing ?? 0} firing · ${status.pending ?? 0} pending · ${status.ok ?? 0} ok</td>
      ${manage
        ? html`<td class="row actions">
            <button @click=${() => this.silence(rule, 8)} aria-label="Silence 8 h: ${rule.name}">Silence 8 h</button>
            ${silenced ? html`<button @click=${() => this.silence(rule, 0)} aria-label="Lift silence of ${rule.name}">Lift silence</button>` : nothing}
            <button class="danger" @click=${() => this.deleteOne(rule)} aria-label="Delete ${rule.name}">Delete</button>
          </td>`
        : nothing}
    </tr>`;
  }
}
