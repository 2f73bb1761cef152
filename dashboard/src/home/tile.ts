import { html, nothing, svg } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { formatDateTime, formatRelative, formatTime, formatValue } from '../format.js';
import { sensorId } from '../model.js';
import { AppElement } from '../ui.js';
import type { AlertBadge } from './badges.js';
import { offlineSinceText } from './device-status.js';
import { isStale } from './freshness.js';
import { compareHref, deviceNameOf, quantityLabel } from './rooms.js';
import { SPARKLINE_SPAN_MS, sparklinePath } from './sparkline.js';
import type { TileModel } from './tile-model.js';

const WIDTH = 100;
const HEIGHT = 32;

/** One sensor on the home page: its value, how fresh it is, its 24 h trend and any firing alert. */
@customElement('ch-home-tile')
export class HomeTile extends AppElement {
  @property({ attribute: false }) model: TileModel | undefined;
  @property({ attribute: false }) badge: AlertBadge | undefined;
  /** Set while the device is offline: since when (ms; NaN when not known). */
  @property({ attribute: false }) offlineSince: number | undefined;
  /** The table is rendered only while it is open: a wall display keeps a hundred tiles for days. */
  @state() private tableOpen = false;
  private unsubscribe: (() => void) | null = null;
  private subscribed: TileModel | undefined;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.subscribed = undefined;
  }

  protected override willUpdate(): void {
    if (this.model !== this.subscribed) {
      this.unsubscribe?.();
      this.subscribed = this.model;
      this.unsubscribe = this.model?.onChange(() => this.requestUpdate()) ?? null;
    }
  }

  override render() {
    const model = this.model;
    if (model === undefined) {
      return nothing;
    }
    const { key } = model.sensor;
    const id = sensorId(key);
    const now = Date.now();
    const stale = isStale(model.lastSeen, model.intervalMs, now);
    const seen = Number.isFinite(model.lastSeen);
    const offline = this.offlineSince !== undefined;
    const classes = ['tile', stale ? 'stale' : '', offline ? 'offline' : '', this.badge ? `alerting ${this.badge.severity}` : '']
      .filter((c) => c !== '')
      .join(' ');
    const headingId = `tile-${id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
    return html`
      <article class=${classes} data-sensor=${id} aria-labelledby=${headingId}>
        <div class="tile-head">
          <h3 class="quantity" id=${headingId}>${quantityLabel(key.quantity)}</h3>
          ${this.badge
            ? html`<span class="alert-badge ${this.badge.severity}" title=${this.badge.detail}
                ><span aria-hidden="true">⚠</span> ${this.badge.label}<span class="visually-hidden">: ${this.badge.detail}</span></span
              >`
            : nothing}
        </div>
        <p class="value">${formatValue(model.value, model.unit)}</p>
        <p class="name">${deviceNameOf(model.sensor)} · ${key.sensor}</p>
        ${this.sparkline(now)}
        <p class="tile-foot">
          <span class="last-seen" title=${seen ? formatDateTime(model.lastSeen) : 'Never seen'}
            >${seen
              ? html`<time datetime=${new Date(model.lastSeen).toISOString()}>${formatRelative(model.lastSeen, now)}</time>`
              : 'never'}</span
          >
          ${offline ? this.offlineLabel(now) : nothing}
          ${stale && !offline ? html`<span class="state-label stale-label">No recent data</span>` : nothing}
          <a class="compare" href=${compareHref(id)}>Compare<span class="visually-hidden"> ${quantityLabel(key.quantity)} of ${deviceNameOf(model.sensor)}</span></a>
        </p>
        ${this.table()}
      </article>
    `;
  }

  /** "Device offline since 14:05": text, not only the tile's dashed edge and muted value. */
  private offlineLabel(now: number) {
    const since = this.offlineSince!;
    const sinceText = offlineSinceText(since, now);
    return html`<span class="state-label offline-label"
      >Device offline${sinceText === ''
        ? nothing
        : html` since <time datetime=${new Date(since).toISOString()} title=${formatDateTime(since)}>${sinceText}</time>`}</span
    >`;
  }

  private sparkline(now: number) {
    const trend = this.model!.trend;
    if (trend === null) {
      return html`<div class="sparkline-placeholder" aria-hidden="true"></div>`;
    }
    const d = sparklinePath(trend, now - SPARKLINE_SPAN_MS, now, WIDTH, HEIGHT, this.model!.windowMs);
    const label = this.trendSummary();
    return html`<svg class="sparkline" viewBox="0 0 ${WIDTH} ${HEIGHT}" preserveAspectRatio="none" role="img" aria-label=${label}>
      ${d === '' ? nothing : svg`<path d=${d} vector-effect="non-scaling-stroke"></path>`}
    </svg>`;
  }

  private trendSummary(): string {
    const model = this.model!;
    const values = (model.trend ?? []).map((point) => point.value).filter(Number.isFinite);
    if (values.length === 0) {
      return 'No readings in the last 24 hours';
    }
    return `Last 24 hours: from ${formatValue(Math.min(...values), model.unit)} to ${formatValue(Math.max(...values), model.unit)}`;
  }

  private table() {
    const model = this.model!;
    if (model.trend === null || model.trend.length === 0) {
      return nothing;
    }
    return html`<details class="tile-table" @toggle=${(event: Event) => (this.tableOpen = (event.target as HTMLDetailsElement).open)}>
      <summary>24 h as a table</summary>
      ${this.tableOpen
        ? html`<div class="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">From</th>
                  <th scope="col" class="number">Mean</th>
                </tr>
              </thead>
              <tbody>
                ${[...model.trend].reverse().map(
                  (point) => html`<tr>
                    <td><time datetime=${new Date(point.time).toISOString()}>${formatTime(point.time)}</time></td>
                    <td class="number">${formatValue(point.value, model.unit)}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`
        : nothing}
    </details>`;
  }
}
