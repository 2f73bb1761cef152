import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../api.js';
import { openDeviceStatusStream, openLiveStream, type LiveState } from '../live.js';
import { sensorId, type Reading, type Sensor } from '../model.js';
import { currentQuery, replaceQuery } from '../router.js';
import { session } from '../session.js';
import { alertBadges, type Alert, type AlertBadge } from '../home/badges.js';
import { applyStatusChange, combinedLiveState, offlineFromCatalogue, type OfflineDevices } from '../home/device-status.js';
import { groupByRoom, matchesFilter, mostRecent, quantitiesOf, quantityLabel } from '../home/rooms.js';
import { TileModel } from '../home/tile-model.js';
import { loadTrends } from '../home/trends.js';
import { AppElement, errorBox, loading, messageOf } from '../ui.js';
import { register } from './registry.js';
import '../home/tile.js';
import './home.css';

register({ path: '/', title: 'Home', tag: 'ch-home', permissions: ['readings:read'], nav: true });

/** Relative times and staleness are redrawn this often. */
const TICK_MS = 15_000;
/** Alerts are asked for again this often. */
const ALERTS_REFRESH_MS = 60_000;

/** Tiles shown at first and added by "Show more". */
const PAGE_SIZE = 120;

const LIVE_TEXT: Record<LiveState, string> = { live: 'Live', connecting: 'Connecting…', offline: 'Offline — retrying' };

/**
 * Rooms with a tile per sensor, live. The page renders when the catalogue, the filter, the alerts
 * or a device's online/offline status change; a reading changes only its own tile (see TileModel).
 */
@customElement('ch-home')
export class HomePage extends AppElement {
  @property({ attribute: false }) path = '/';
  @state() private sensors: Sensor[] | null = null;
  @state() private error: unknown = null;
  @state() private trendError: unknown = null;
  @state() private text = currentQuery().get('q') ?? '';
  @state() private quantity = currentQuery().get('quantity') ?? '';
  @state() private live: LiveState = 'connecting';
  @state() private statusLive: LiveState = 'connecting';
  @state() private badges = new Map<string, AlertBadge>();
  @state() private offline: OfflineDevices = new Map();
  @state() private limit = PAGE_SIZE;
  private readonly tiles = new Map<string, TileModel>();
  private shownModels: TileModel[] = [];
  private stopLive: (() => void) | null = null;
  private stopStatuses: (() => void) | null = null;
  private timers: ReturnType<typeof setInterval>[] = [];

  /**
   * A hidden tab lets go of its two streams: a browser keeps at most six connections to a server
   * over HTTP/1.1, for all its tabs. Shown again, the page loads afresh (it missed readings).
   */
  private readonly onVisibility = (): void => {
    if (document.visibilityState === 'hidden') {
      this.stop();
    } else if (this.stopLive === null && !this.loading) {
      void this.load();
    }
  };
  private loading = false;

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.onVisibility);
    void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.stop();
  }

  private stop(): void {
    this.stopLive?.();
    this.stopLive = null;
    this.stopStatuses?.();
    this.stopStatuses = null;
    this.timers.forEach(clearInterval);
    this.timers = [];
  }

  private async load(): Promise<void> {
    this.loading = true;
    try {
      await this.start();
    } finally {
      this.loading = false;
    }
  }

  private async start(): Promise<void> {
    this.error = null;
    try {
      const answer = await api.request<{ sensors?: Sensor[] }>('GET', '/api/v1/sensors');
      this.setCatalogue(answer.sensors ?? []);
    } catch (error) {
      this.error = error;
      return;
    }
    if (!this.isConnected || document.visibilityState === 'hidden') {
      return;
    }
    this.stopLive = openLiveStream(
      {},
      (reading) => this.onReading(reading),
      (state) => (this.live = state),
    );
    this.stopStatuses = openDeviceStatusStream(
      (change) => (this.offline = applyStatusChange(this.offline, change)),
      (state) => {
        // Each connection starts with every known status: what was cleared meanwhile is not in it.
        if (state === 'live') {
          this.offline = new Map();
        }
        this.statusLive = state;
      },
    );
    this.timers.push(setInterval(() => this.tiles.forEach((tile) => tile.changed()), TICK_MS));
    this.timers.push(setInterval(() => this.refreshAlertsAndFailedTrends(), ALERTS_REFRESH_MS));
    void this.loadAlerts();
  }

  private setCatalogue(sensors: Sensor[]): void {
    for (const sensor of sensors) {
      this.tiles.set(sensorId(sensor.key), new TileModel(sensor));
    }
    this.sensors = sensors;
    this.offline = offlineFromCatalogue(sensors);
  }

  /** Each minute: alerts, and the trends a failed request left missing. */
  private refreshAlertsAndFailedTrends(): void {
    void this.loadAlerts();
    if (this.trendError !== null) {
      this.shownModels.filter((model) => model.trend === null).forEach((model) => (model.trendRequested = false));
      void this.loadTrends(this.shownModels);
    }
  }

  /** The 24 h trends of the tiles shown that do not have them yet (asked for once each). */
  private async loadTrends(models: TileModel[]): Promise<void> {
    const wanted = models.filter((model) => !model.trendRequested);
    if (wanted.length === 0) {
      return;
    }
    wanted.forEach((model) => (model.trendRequested = true));
    try {
      await loadTrends(
        wanted.map((model) => model.sensor.key),
        (trends) => {
          for (const key of trends.keys) {
            const id = sensorId(key);
            this.tiles.get(id)?.setTrend(trends.means.get(id)?.points ?? [], trends.counts.get(id)?.points, trends.windowMs);
          }
        },
      );
      this.trendError = null;
    } catch (error) {
      this.trendError = error;
    }
  }

  /** Firing alerts, when the user may read them; a failure leaves the last known. */
  private async loadAlerts(): Promise<void> {
    if (!session.can('alerts:read')) {
      return;
    }
    try {
      const answer = await api.request<{ alerts?: Alert[] }>('GET', '/api/v1/alerts');
      this.badges = alertBadges(answer.alerts ?? []);
    } catch {
      // Shown again on the next refresh; the tiles still show their readings.
    }
  }

  private onReading(reading: Reading): void {
    const id = sensorId(reading.key);
    const model = this.tiles.get(id);
    if (model !== undefined) {
      model.apply(reading);
      return;
    }
    // A sensor new since the page loaded: one re-render to give it a tile.
    const sensor: Sensor = {
      key: reading.key,
      location: reading.location,
      unit: reading.unit,
      sourceFormat: '',
      lastValue: reading.value,
      lastSeen: reading.time,
      room: reading.room,
      deviceName: reading.deviceName,
    };
    this.tiles.set(id, new TileModel(sensor));
    this.sensors = [...(this.sensors ?? []), sensor];
  }

  override render() {
    if (this.error !== null) {
      return html`<h1>Home</h1>
        ${errorBox(this.error)}
        <button @click=${() => void this.load()}>Try again</button>`;
    }
    if (this.sensors === null) {
      return html`<h1>Home</h1>
        ${loading('Loading sensors…')}`;
    }
    if (this.sensors.length === 0) {
      return html`<h1>Home</h1>
        ${this.emptyState()}`;
    }
    const matching = this.sensors.filter((sensor) => matchesFilter(sensor, this.text, this.quantity));
    const { shown, hidden } = mostRecent(matching, this.limit, (sensor) => this.tiles.get(sensorId(sensor.key))?.lastSeen ?? NaN);
    const rooms = groupByRoom(shown);
    this.shownModels = rooms.flatMap((room) => room.sensors.map((sensor) => this.tiles.get(sensorId(sensor.key))!));
    const live = combinedLiveState(this.live, this.statusLive);
    return html`
      <div class="home-head">
        <h1>Home</h1>
        <p class="live-status" data-state=${live} role="status">
          <span class="dot" aria-hidden="true"></span>${LIVE_TEXT[live]}
        </p>
      </div>
      ${this.filters(quantitiesOf(this.sensors))}
      ${this.trendError === null
        ? nothing
        : html`<p class="error" role="alert">The 24 h trends could not be loaded: ${messageOf(this.trendError)}</p>`}
      ${matching.length === 0
        ? html`<p class="muted no-match">No sensor matches the filter. <button @click=${this.clearFilter}>Show all</button></p>`
        : rooms.map(
            (room) => html`
              <section class="room" data-room=${room.name} aria-labelledby=${roomHeadingId(room.name)}>
                <h2 id=${roomHeadingId(room.name)}>${room.name}</h2>
                <div class="tiles">
                  ${room.sensors.map((sensor) => {
                    const id = sensorId(sensor.key);
                    return html`<ch-home-tile
                      .model=${this.tiles.get(id)}
                      .badge=${this.badges.get(id)}
                      .offlineSince=${this.offline.get(sensor.key.deviceId)}
                    ></ch-home-tile>`;
                  })}
                </div>
              </section>
            `,
          )}
      ${hidden > 0
        ? html`<p class="more muted">
            ${hidden} more ${hidden === 1 ? 'sensor' : 'sensors'}, quiet the longest, not shown: narrow the filter, or
            <button @click=${() => (this.limit += PAGE_SIZE)}>Show ${Math.min(hidden, PAGE_SIZE)} more</button>
          </p>`
        : nothing}
    `;
  }

  protected override updated(): void {
    void this.loadTrends(this.shownModels);
  }

  private filters(quantities: string[]) {
    return html`
      <form class="home-filters" role="search" @submit=${(event: Event) => event.preventDefault()}>
        <label class="filter-text"
          >Filter
          <input
            type="search"
            name="q"
            placeholder="Room, device, sensor…"
            .value=${this.text}
            @input=${(event: Event) => this.setFilter((event.target as HTMLInputElement).value, this.quantity)}
        /></label>
        <div class="chips" role="group" aria-label="Quantity">
          <button type="button" class="chip" aria-pressed=${this.quantity === ''} @click=${() => this.setFilter(this.text, '')}>All</button>
          ${quantities.map(
            (quantity) =>
              html`<button
                type="button"
                class="chip"
                data-quantity=${quantity}
                aria-pressed=${this.quantity === quantity}
                @click=${() => this.setFilter(this.text, this.quantity === quantity ? '' : quantity)}
              >
                ${quantityLabel(quantity)}
              </button>`,
          )}
        </div>
      </form>
    `;
  }

  private setFilter(text: string, quantity: string): void {
    this.text = text;
    this.quantity = quantity;
    this.limit = PAGE_SIZE;
    const query = currentQuery();
    text === '' ? query.delete('q') : query.set('q', text);
    quantity === '' ? query.delete('quantity') : query.set('quantity', quantity);
    replaceQuery(query);
  }

  private clearFilter = (): void => this.setFilter('', '');

  private emptyState() {
    return html`<section class="card empty stack">
      <h2>No sensors yet</h2>
      <p>Sensors appear here once a device sends its first reading.</p>
      ${session.can('devices:manage')
        ? html`<p><a href="/admin/devices">Add a device</a> and point it at the broker with the credentials it gets.</p>`
        : html`<p class="muted">Ask an administrator to add a device.</p>`}
    </section>`;
  }
}

function roomHeadingId(room: string): string {
  return 'room-' + room.replace(/[^A-Za-z0-9_-]/g, (c) => '_' + c.charCodeAt(0).toString(16));
}
