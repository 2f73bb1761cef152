import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api } from '../api.js';
import { formatDateTime, formatValue } from '../format.js';
import { currentQuery, replaceQuery } from '../router.js';
import { AppElement, errorBox, loading } from '../ui.js';
import { PageTrail, queryOf } from '../admin/paging.js';
import { numberOf, seriesText, severityBadge, stateBadge } from './labels.js';
import { stateLabel } from './rule-form.js';
import type { AlertEvent, Delivery, Rule } from './types.js';

const PAGE_SIZE = 25;

/** Every firing, repeat and resolve, newest first, with what happened to each notification. */
@customElement('ch-alerts-history')
export class AlertHistoryView extends AppElement {
  @state() private events: AlertEvent[] | null = null;
  @state() private rules: Rule[] = [];
  @state() private error: unknown = null;
  @state() private ruleId = currentQuery().get('rule') ?? '';
  private readonly trail = new PageTrail();

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load(this.trail.current);
    api
      .request<{ rules?: Rule[] }>('GET', '/api/v1/alert-rules')
      .then((answer) => (this.rules = answer.rules ?? []))
      .catch(() => {
        // The filter then offers "all rules" only; the list itself still loads.
      });
  }

  private async load(pageToken: string): Promise<void> {
    this.events = null;
    try {
      const answer = await api.request<{ events?: AlertEvent[]; nextPageToken?: string }>(
        'GET',
        '/api/v1/alert-events' + queryOf({ pageSize: PAGE_SIZE, pageToken, ruleId: this.ruleId }),
      );
      this.events = answer.events ?? [];
      this.trail.loaded(answer.nextPageToken);
      this.error = null;
    } catch (error) {
      this.events = [];
      this.error = error;
    }
  }

  private filter(event: Event) {
    this.ruleId = (event.target as HTMLSelectElement).value;
    const query = currentQuery();
    if (this.ruleId === '') {
      query.delete('rule');
    } else {
      query.set('rule', this.ruleId);
    }
    replaceQuery(query);
    this.trail.reset();
    void this.load('');
  }

  override render() {
    return html`<h2>History</h2>
      <div class="row">
        <label>Rule
          <select @change=${this.filter} .value=${this.ruleId}>
            <option value="">All rules</option>
            ${this.rules.map((rule) => html`<option value=${rule.id!} ?selected=${rule.id === this.ruleId}>${rule.name}</option>`)}
          </select>
        </label>
      </div>
      ${errorBox(this.error)}
      ${this.events === null
        ? loading('Loading the history…')
        : this.events.length === 0
          ? this.error
            ? nothing
            : html`<p class="empty card">No alert has fired${this.ruleId ? ' for this rule' : ''} yet.</p>`
          : html`<div class="table-scroll">
              <table class="events">
                <caption class="visually-hidden">Alert events, newest first</caption>
                <thead>
                  <tr><th>When</th><th>Rule</th><th>What</th><th>Series</th><th class="number">Value</th><th>Notifications</th></tr>
                </thead>
                <tbody>
                  ${this.events.map((event) => this.row(event))}
                </tbody>
              </table>
            </div>`}
      <nav class="row pager" aria-label="History pages">
        <button ?disabled=${!this.trail.hasPrevious} @click=${() => this.load(this.trail.back())}>Newer</button>
        <span class="muted">Page ${this.trail.pageNumber}</span>
        <button ?disabled=${!this.trail.hasNext} @click=${() => this.load(this.trail.forward())}>Older</button>
      </nav>`;
  }

  private row(event: AlertEvent) {
    const value = numberOf(event.value);
    return html`<tr>
      <td>${event.at ? formatDateTime(event.at) : ''}</td>
      <td>${event.ruleName}</td>
      <td>${event.transition && event.transition !== stateLabel(event.state) ? event.transition : nothing} ${stateBadge(event.state)} ${severityBadge(event.severity)}</td>
      <td>${seriesText(event)}</td>
      <td class="number nowrap">${Number.isFinite(value) ? formatValue(value, event.unit) : '–'}</td>
      <td>${this.deliveries(event.deliveries ?? [])}</td>
    </tr>`;
  }

  private deliveries(deliveries: Delivery[]) {
    if (deliveries.length === 0) {
      return html`<span class="muted">none</span>`;
    }
    const failedCount = deliveries.filter((d) => d.status === 'failed').length;
    return html`<details>
      <summary>${deliveries.length} ${deliveries.length === 1 ? 'delivery' : 'deliveries'}${failedCount ? html`, <span class="error-text">${failedCount} failed</span>` : nothing}</summary>
      <ul class="deliveries">
        ${deliveries.map(
          (d) => html`<li>
            <strong>${d.channelKind ?? 'channel'}</strong>: ${d.status ?? (d.delivered ? 'sent' : 'pending')}
            · ${d.attempts ?? 0} ${d.attempts === 1 ? 'attempt' : 'attempts'}
            ${d.responseCode ? html` · answer ${d.responseCode}` : nothing}
            ${d.lastAttemptAt ? html` · last ${formatDateTime(d.lastAttemptAt)}` : nothing}
            ${d.nextAttemptAt ? html` · next ${formatDateTime(d.nextAttemptAt)}` : nothing}
            ${d.error ? html`<br /><span class="error-text">${d.error}</span>` : nothing}
          </li>`,
        )}
      </ul>
    </details>`;
  }
}
