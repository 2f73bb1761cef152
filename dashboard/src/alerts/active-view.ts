import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api } from '../api.js';
import { formatDateTime, formatRelative, formatValue } from '../format.js';
import { session } from '../session.js';
import { AppElement, errorBox, loading } from '../ui.js';
import { done, failed, noticeView, type Notice } from '../admin/notice.js';
import { numberOf, seriesText, severityBadge, stateBadge } from './labels.js';
import { isSilenced, silenceUntil, sortAlerts } from './rule-form.js';
import type { Alert } from './types.js';

const REFRESH_MS = 15_000;

/** The series that fire or are pending, with acknowledge and silence for those who may manage alerts. */
@customElement('ch-alerts-active')
export class ActiveAlertsView extends AppElement {
  @state() private alerts: Alert[] | null = null;
  @state() private error: unknown = null;
  @state() private notice: Notice = null;
  @state() private busy = '';
  private timer: ReturnType<typeof setInterval> | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
    this.timer = setInterval(() => void this.load(), REFRESH_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.timer !== null) {
      clearInterval(this.timer);
    }
  }

  private async load(): Promise<void> {
    try {
      const answer = await api.request<{ alerts?: Alert[] }>('GET', '/api/v1/alerts');
      this.alerts = sortAlerts(answer.alerts ?? []);
      this.error = null;
    } catch (error) {
      this.error = error;
    }
  }

  private async act(alert: Alert, what: string, run: () => Promise<Alert>): Promise<void> {
    this.busy = alert.id;
    try {
      const updated = await run();
      this.alerts = sortAlerts((this.alerts ?? []).map((a) => (a.id === updated.id ? updated : a)));
      this.notice = done(`${what}: ${alert.ruleName}, ${seriesText(alert)}.`);
    } catch (error) {
      this.notice = failed(error);
    } finally {
      this.busy = '';
    }
  }

  private acknowledge(alert: Alert) {
    return this.act(alert, 'Acknowledged', () => api.request<Alert>('POST', `/api/v1/alerts/${encodeURIComponent(alert.id)}:ack`));
  }

  private silence(alert: Alert, hours: number) {
    const until = hours > 0 ? silenceUntil(hours) : new Date(0).toISOString();
    return this.act(alert, hours > 0 ? `Silenced for ${hours} h` : 'Silence lifted', () =>
      api.request<Alert>('POST', `/api/v1/alerts/${encodeURIComponent(alert.id)}:silence`, { until }),
    );
  }

  override render() {
    if (this.alerts === null) {
      return this.error ? errorBox(this.error) : loading('Loading alerts…');
    }
    return html`<h2>Active alerts</h2>
      ${errorBox(this.error)} ${noticeView(this.notice)}
      ${this.alerts.length === 0
        ? html`<p class="empty card">Nothing fires or is pending. <a href="/alerts/rules">See the rules</a>.</p>`
        : html`<ul class="alert-list">
            ${this.alerts.map((alert) => this.alertCard(alert))}
          </ul>`}`;
  }

  private alertCard(alert: Alert) {
    const manage = session.can('alerts:manage');
    const silenced = isSilenced(alert.silencedUntil);
    const firing = alert.state === 'ALERT_STATE_FIRING';
    const value = numberOf(alert.value);
    const busy = this.busy === alert.id;
    return html`<li class="card alert-card ${firing ? 'is-firing' : ''}" data-alert=${alert.id}>
      <div class="row alert-head">
        ${stateBadge(alert.state)} ${severityBadge(alert.severity)}
        <h3><a href="/alerts/rules/${encodeURIComponent(alert.ruleId)}">${alert.ruleName}</a></h3>
      </div>
      <p>${seriesText(alert)}${Number.isFinite(value) ? html` — <strong>${formatValue(value, alert.unit)}</strong>` : nothing}</p>
      ${alert.reason ? html`<p class="muted">${alert.reason}</p>` : nothing}
      <p class="muted">
        ${alert.since ? html`Since <time datetime=${alert.since} title=${formatDateTime(alert.since)}>${formatRelative(alert.since)}</time>` : nothing}
        ${alert.acknowledgedBy ? html` · Acknowledged by ${alert.acknowledgedBy}` : nothing}
        ${silenced ? html` · Silenced until ${formatDateTime(alert.silencedUntil!)}` : nothing}
      </p>
      ${manage
        ? html`<div class="row actions" role="group" aria-label="Actions for ${alert.ruleName}">
            ${firing && !alert.acknowledgedBy
              ? html`<button class="ack" ?disabled=${busy} @click=${() => this.acknowledge(alert)}>Acknowledge</button>`
              : nothing}
            ${[1, 8, 24].map(
              (hours) =>
                html`<button class="silence" data-hours=${hours} ?disabled=${busy} @click=${() => this.silence(alert, hours)}>
                  Silence ${hours} h
                </button>`,
            )}
            ${silenced ? html`<button ?disabled=${busy} @click=${() => this.silence(alert, 0)}>Lift silence</button>` : nothing}
          </div>`
        : nothing}
    </li>`;
  }
}
