import { html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import uPlot from 'uplot';
import { api, ApiError } from '../api.js';
import { alignBands, appendReading, mergeAggregates, toBandSeries, type BandSeries } from '../explorer/band.js';
import { buildCsv, csvFileName } from '../explorer/csv.js';
import { chartOptions, lineStyle, type ChartLine } from '../explorer/draw.js';
import { groupSeries, sensorLabel, type ChartGroup } from '../explorer/groups.js';
import { roomNote, toRoomSpans } from '../explorer/rooms.js';
import {
  chooseWindow,
  MAX_POINTS_PER_SERIES,
  roundWindow,
  fromLocalInput,
  panRange,
  QUICK_RANGES,
  rangeProblem,
  resolveRange,
  toLocalInput,
  scaleRange,
  zoomRange,
  type QuickRange,
  type RangeSpec,
  type ResolvedRange,
} from '../explorer/range.js';
import { MAX_SENSORS, parseState, serialiseState, type ExplorerState } from '../explorer/state.js';
import { openLiveStream, type LiveState } from '../live.js';
import { parseSensorId, sensorId, type Point, type Reading, type ReadingFilter, type Sensor, type Series } from '../model.js';
import { currentQuery, replaceQuery } from '../router.js';
import { durationMillis } from '../format.js';
import { darkNow } from '../theme.js';
import { AppElement, errorBox, loading } from '../ui.js';
import './explorer.css';
import { register } from './registry.js';

register({ path: '/explorer', title: 'Explorer', tag: 'ch-explorer', permissions: ['readings:read'], nav: true });

const SYNC_KEY = 'ch-explorer';
/** Raw readings asked for at most; windowed series stay under range.ts's MAX_POINTS_PER_SERIES. */
const RAW_MAX_POINTS = 5000;
/** Live points kept per series beyond what the range holds. */
const LIVE_LIMIT = 6000;
const CHART_HEIGHT = 280;
/** Sensors listed at once; the filters narrow a large catalogue. */
const LIST_LIMIT = 200;

/** The server learns AGGREGATE_BAND later; until then it answers 400 and three aggregates are merged. */
let bandSupported = true;

interface Plot {
  plot: uPlot;
  ids: string;
  dark: boolean;
}

/** History of any sensors: filters, ranges, zoomable band charts, live append, CSV, all in the URL. */
@customElement('ch-explorer')
export class ExplorerPage extends AppElement {
  @property({ attribute: false }) path = '/explorer';

  @state() private view: ExplorerState = parseState(currentQuery());
  @state() private catalogue: Sensor[] = [];
  @state() private matching: Sensor[] | null = null;
  @state() private catalogueError: unknown = null;
  @state() private series: BandSeries[] = [];
  @state() private seriesError: unknown = null;
  @state() private loadingSeries = false;
  @state() private rangeError = '';
  @state() private liveState: LiveState | null = null;
  @state() private liveMessage = '';
  @state() private openTables = new Set<string>();
  /** The range before the first zoom or pan, for reset. */
  @state() private zoomBase: RangeSpec | null = null;

  private resolved: ResolvedRange = resolveRange(this.view.range, Date.now());
  /** What the from/to inputs show: set by range changes, not by live readings (they would overwrite typing). */
  @state() private shownRange: ResolvedRange = this.resolved;
  private plots = new Map<string, Plot>();
  private request = 0;
  private catalogueRequest = 0;
  private stopLive: (() => void) | null = null;
  private liveKey = '';
  private redrawPending = false;
  private resizeObserver: ResizeObserver | null = null;
  private readonly onTheme = () => this.rebuildCharts();
  private readonly media = matchMedia('(prefers-color-scheme: dark)');

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('ch-theme', this.onTheme);
    this.media.addEventListener('change', this.onTheme);
    this.resizeObserver = new ResizeObserver(() => this.resizeCharts());
    void this.loadCatalogue(true);
    this.loadSeries();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('ch-theme', this.onTheme);
    this.media.removeEventListener('change', this.onTheme);
    this.resizeObserver?.disconnect();
    this.closeLive();
    this.plots.forEach((p) => p.plot.destroy());
    this.plots.clear();
  }

  override render() {
    const groups = groupSeries(this.series);
    return html`
      <h1>Explorer</h1>
      <section class="card explorer-controls" aria-label="What to show">
        ${this.renderFilters()} ${this.renderSensorList()}
      </section>
      <section class="card explorer-range" aria-label="Time range">${this.renderRange()}</section>
      ${errorBox(this.seriesError)}
      ${this.view.sensors.length === 0
        ? html`<p class="muted explorer-empty">Choose one or more sensors above to see their history.</p>`
        : nothing}
      ${this.loadingSeries ? loading('Loading history…') : nothing}
      <div class="explorer-charts">${groups.map((group) => this.renderChart(group))}</div>
    `;
  }

  private renderFilters() {
    const all = this.catalogue;
    const distinct = (values: string[]) => [...new Set(values.filter((v) => v !== ''))].sort((a, b) => a.localeCompare(b));
    const quantities = distinct(all.map((s) => s.key.quantity));
    // The chosen room stays offered when no sensor is in it now (its sensors may have moved out).
    const rooms = distinct([...all.map((s) => s.room || s.location), this.view.room]);
    const devices = [...new Map(all.map((s) => [s.key.deviceId, s.deviceName || s.key.deviceId])).entries()].sort((a, b) =>
      a[1].localeCompare(b[1]),
    );
    const select = (name: keyof ExplorerState, label: string, options: [string, string][], value: string) => html`
      <label
        >${label}
        <select name=${name} .value=${value} @change=${(e: Event) => this.setFilter(name, (e.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${value === ''}>Any</option>
          ${options.map(([v, text]) => html`<option value=${v} ?selected=${v === value}>${text}</option>`)}
        </select>
      </label>
    `;
    return html`
      <div class="row explorer-filters">
        ${select('quantity', 'Quantity', quantities.map((q) => [q, q]), this.view.quantity)}
        ${select('room', 'Room', rooms.map((r) => [r, r]), this.view.room)} ${select('device', 'Device', devices, this.view.device)}
        <label
          >Search
          <input
            type="search"
            name="q"
            .value=${this.view.text}
            maxlength="256"
            placeholder="device, sensor, room…"
            @change=${(e: Event) => this.setFilter('text', (e.target as HTMLInputElement).value)}
          />
        </label>
      </div>
    `;
  }

  private renderSensorList() {
    if (this.catalogueError !== null) {
      return errorBox(this.catalogueError);
    }
    if (this.matching === null) {
      return loading('Loading sensors…');
    }
    const selected = new Set(this.view.sensors);
    const byId = new Map(this.catalogue.map((s) => [sensorId(s.key), s]));
    const shown: Sensor[] = [];
    for (const id of this.view.sensors) {
      const sensor = byId.get(id);
      const key = parseSensorId(id);
      if (sensor) {
        shown.push(sensor);
      } else if (key) {
        shown.push({ key, location: '', unit: '', sourceFormat: '', lastValue: NaN });
      }
    }
    let more = 0;
    for (const sensor of this.matching) {
      if (!selected.has(sensorId(sensor.key))) {
        if (shown.length < LIST_LIMIT) {
          shown.push(sensor);
        } else {
          more++;
        }
      }
    }
    const full = selected.size >= MAX_SENSORS;
    return html`
      <fieldset class="explorer-sensors">
        <legend>Sensors <span class="muted">(${selected.size} chosen${full ? `, at most ${MAX_SENSORS}` : ''})</span></legend>
        ${shown.length === 0 ? html`<p class="muted">No sensor matches these filters.</p>` : nothing}
        <ul>
          ${shown.map((sensor) => {
            const id = sensorId(sensor.key);
            const checked = selected.has(id);
            const room = roomNote(sensor, this.view.room);
            return html`<li>
              <label class="check">
                <input
                  type="checkbox"
                  data-sensor=${id}
                  .checked=${checked}
                  ?disabled=${!checked && full}
                  @change=${(e: Event) => this.toggleSensor(id, (e.target as HTMLInputElement).checked)}
                />
                <span>${sensorLabel(sensor)}</span>
                <span class="muted">${sensor.key.quantity}${sensor.unit ? ` (${sensor.unit})` : ''}${room ? ` · ${room}` : ''}</span>
              </label>
            </li>`;
          })}
        </ul>
        ${more > 0
          ? html`<p class="muted">${more} more match; narrow the list with the filters or the search.</p>`
          : nothing}
        ${selected.size > 0 ? html`<button type="button" class="clear-sensors" @click=${() => this.setSensors([])}>Clear selection</button>` : nothing}
      </fieldset>
    `;
  }

  private renderRange() {
    const range = this.view.range;
    const resolved = this.resolved;
    const now = Date.now();
    return html`
      <div class="row explorer-quick" role="group" aria-label="Quick ranges">
        ${(Object.keys(QUICK_RANGES) as QuickRange[]).map(
          (name) => html`<button
            type="button"
            data-range=${name}
            aria-pressed=${range.kind === 'quick' && range.name === name ? 'true' : 'false'}
            @click=${() => this.setRange({ kind: 'quick', name }, null)}
          >
            Last ${name}
          </button>`,
        )}
      </div>
      <form class="row explorer-absolute" @submit=${this.applyAbsolute}>
        <label>From <input type="datetime-local" name="from" .value=${toLocalInput(this.shownRange.from)} required /></label>
        <label>To <input type="datetime-local" name="to" .value=${toLocalInput(this.shownRange.to)} required /></label>
        <button type="submit">Show range</button>
      </form>
      ${this.rangeError ? html`<p class="error" role="alert">${this.rangeError}</p>` : nothing}
      <div class="row explorer-tools">
        <button type="button" class="pan-left" @click=${() => this.pan(-0.5)} aria-label="Earlier">◀ Earlier</button>
        <button type="button" class="pan-right" ?disabled=${resolved.live || resolved.to >= now - 1000} @click=${() => this.pan(0.5)} aria-label="Later">
          Later ▶
        </button>
        <button type="button" class="zoom-in" @click=${() => this.scale(0.5)}>Zoom in</button>
        <button type="button" class="zoom-out" @click=${() => this.scale(2)}>Zoom out</button>
        <button type="button" class="reset-zoom" ?disabled=${this.zoomBase === null} @click=${this.resetZoom}>Reset zoom</button>
        <button type="button" class="csv-export" ?disabled=${this.series.length === 0} @click=${this.exportCsv}>Download CSV</button>
        <span class="muted explorer-span" role="status">${this.describeRange()}</span>
        ${this.liveState === null
          ? nothing
          : html`<span class="live-state ${this.liveState}" role="status"
              >${this.liveState === 'live' ? '● Live' : this.liveState === 'connecting' ? '○ Connecting…' : `○ Offline${this.liveMessage ? `: ${this.liveMessage}` : ''}`}</span
            >`}
      </div>
      <p class="muted explorer-hint">Drag across a chart to zoom in; shift+drag to move in time.</p>
    `;
  }

  private describeRange(): string {
    const { from, to } = this.resolved;
    const format = (ms: number) => new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
    const window = this.series[0]?.windowMs ?? 0;
    const detail = this.series.length === 0 ? '' : window === 0 ? ' · raw readings' : ` · ${describeWindow(window)} windows`;
    return `${format(from)} – ${format(to)}${detail}`;
  }

  private renderChart(group: ChartGroup) {
    const open = this.openTables.has(group.key);
    const title = group.unit ? `${capitalise(group.quantity)} (${group.unit})` : capitalise(group.quantity);
    return html`
      <section class="card explorer-chart" aria-labelledby="chart-title-${cssId(group.key)}">
        <h2 id="chart-title-${cssId(group.key)}">${title}</h2>
        <div
          class="chart"
          data-quantity=${group.quantity}
          data-unit=${group.unit}
          data-group=${group.key}
          role="img"
          aria-label="${title} of ${group.series.map((s) => s.label).join(', ')}; the table below has the same data"
          @mousedown=${this.panListener}
        ></div>
        ${group.series.every((s) => s.times.length === 0) ? html`<p class="muted">No readings in this range.</p>` : nothing}
        <details @toggle=${(e: Event) => this.toggleTable(group.key, (e.target as HTMLDetailsElement).open)} ?open=${open}>
          <summary>Table</summary>
          ${open ? this.renderTable(group) : nothing}
        </details>
      </section>
    `;
  }

  private renderTable(group: ChartGroup) {
    const data = alignBands(group.series) as unknown as (number | null | undefined)[][];
    const xs = data[0] as number[];
    const banded = group.series.some((s) => s.windowMs > 0);
    const cell = (v: number | null | undefined) => (v == null ? '' : formatNumber(v));
    const rows = [];
    for (let i = 0; i < xs.length; i++) {
      if (group.series.every((_, k) => data[3 + k * 3][i] == null)) {
        continue;
      }
      rows.push(html`<tr>
        <th scope="row">${new Date(xs[i] * 1000).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' })}</th>
        ${group.series.map((_, k) => {
          const mean = data[3 + k * 3][i];
          const range = banded && data[1 + k * 3][i] != null ? ` (${cell(data[1 + k * 3][i])} – ${cell(data[2 + k * 3][i])})` : '';
          return html`<td class="number">${cell(mean)}${range}</td>`;
        })}
      </tr>`);
    }
    const name = `${capitalise(group.quantity)} table`;
    return html`<div class="table-scroll" tabindex="0" role="region" aria-label=${name}>
      <table class="chart-table">
        <caption class="visually-hidden">
          ${group.quantity} ${banded ? 'mean (min – max) per window' : 'readings'}${group.unit ? ` in ${group.unit}` : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            ${group.series.map((s) => html`<th scope="col" class="number">${s.label}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${rows}
        </tbody>
      </table>
    </div>`;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (changed.has('series')) {
      this.syncCharts();
    }
  }

  // --- state changes --------------------------------------------------------------------------

  private commit(view: ExplorerState): void {
    this.view = view;
    replaceQuery(serialiseState(view));
  }

  private setFilter(name: keyof ExplorerState, value: string): void {
    this.commit({ ...this.view, [name]: value.trim().slice(0, 256) });
    void this.loadCatalogue(false);
    if (name === 'room') {
      // The chosen sensors' series show only their time in the room.
      this.loadSeries();
    }
  }

  private toggleSensor(id: string, on: boolean): void {
    const sensors = this.view.sensors.filter((s) => s !== id);
    if (on && sensors.length < MAX_SENSORS) {
      sensors.push(id);
    }
    this.setSensors(sensors);
  }

  private setSensors(sensors: string[]): void {
    this.commit({ ...this.view, sensors });
    this.loadSeries();
  }

  private setRange(range: RangeSpec, base: RangeSpec | null): void {
    this.rangeError = '';
    this.zoomBase = base;
    this.commit({ ...this.view, range });
    this.loadSeries();
  }

  /** A zoom or pan: the range becomes absolute, the one before the first is kept for reset. */
  private zoomTo(from: number, to: number): void {
    this.setRange({ kind: 'absolute', from, to }, this.zoomBase ?? this.view.range);
  }

  private readonly applyAbsolute = (event: Event): void => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const from = fromLocalInput((form.elements.namedItem('from') as HTMLInputElement).value);
    const to = fromLocalInput((form.elements.namedItem('to') as HTMLInputElement).value);
    const problem = rangeProblem(from, to);
    if (problem !== null) {
      this.rangeError = problem;
      return;
    }
    this.setRange({ kind: 'absolute', from, to }, null);
  };

  private pan(fraction: number): void {
    const { from, to } = panRange(this.resolved.from, this.resolved.to, fraction, Date.now());
    this.zoomTo(from, to);
  }

  private scale(factor: number): void {
    const { from, to } = scaleRange(this.resolved.from, this.resolved.to, factor, Date.now());
    this.zoomTo(from, to);
  }

  private readonly resetZoom = (): void => {
    if (this.zoomBase !== null) {
      this.setRange(this.zoomBase, null);
    }
  };

  private toggleTable(key: string, open: boolean): void {
    if (open === this.openTables.has(key)) {
      return;
    }
    const next = new Set(this.openTables);
    if (open) {
      next.add(key);
    } else {
      next.delete(key);
    }
    this.openTables = next;
  }

  private readonly exportCsv = (): void => {
    const { from, to } = this.resolved;
    const blob = new Blob([buildCsv(this.series, from, to, this.view.room)], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = csvFileName(from, to);
    link.hidden = true;
    this.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  // --- data -----------------------------------------------------------------------------------

  private async loadCatalogue(withOptions: boolean): Promise<void> {
    const request = ++this.catalogueRequest;
    const filter: [string, string][] = [
      ['filter.quantity', this.view.quantity],
      ['filter.deviceId', this.view.device],
      ['filter.text', this.view.text],
      // The server knows the rooms sensors were in before, so one that moved out is still found.
      ['filter.room', this.view.room],
    ];
    const query = new URLSearchParams(filter.filter(([, v]) => v !== ''));
    try {
      if (withOptions || this.catalogue.length === 0) {
        const all = await api.request<{ sensors?: Sensor[] }>('GET', '/api/v1/sensors');
        this.catalogue = all.sensors ?? [];
      }
      const matching =
        query.toString() === "" ? this.catalogue : ((await api.request<{ sensors?: Sensor[] }>('GET', `/api/v1/sensors?${query}`)).sensors ?? []);
      if (request === this.catalogueRequest) {
        this.matching = [...matching].sort((a, b) => byLabel.compare(sensorLabel(a), sensorLabel(b)));
        this.catalogueError = null;
        // Labels and units of the chosen sensors come from the catalogue.
        this.series = this.series.map((s) => this.relabel(s));
      }
    } catch (error) {
      if (request === this.catalogueRequest) {
        this.catalogueError = error;
      }
    }
  }

  private relabel(series: BandSeries): BandSeries {
    const sensor = this.catalogue.find((s) => sensorId(s.key) === series.id);
    return sensor ? { ...series, label: sensorLabel(sensor), unit: series.unit || sensor.unit } : series;
  }

  private loadSeries(): void {
    const request = ++this.request;
    this.resolved = resolveRange(this.view.range, Date.now());
    this.shownRange = this.resolved;
    const { from, to } = this.resolved;
    const keys = this.view.sensors.map(parseSensorId).filter((k) => k !== null);
    if (keys.length === 0) {
      this.series = [];
      this.seriesError = null;
      this.loadingSeries = false;
      this.closeLive();
      return;
    }
    const width = this.querySelector<HTMLElement>('.explorer-charts')?.clientWidth || this.clientWidth || 1000;
    const windowMs = chooseWindow(to - from, width - 80);
    this.loadingSeries = true;
    fetchBands(keys, from, to, windowMs, this.view.room)
      .then((found) => {
        if (request !== this.request) {
          return;
        }
        const byId = new Map(found.map((s) => [sensorId(s.key), s]));
        this.series = this.view.sensors.flatMap((id) => {
          const s = byId.get(id);
          const key = parseSensorId(id);
          if (!key) {
            return [];
          }
          const window = s?.window ? durationMillis(s.window) || windowMs : windowMs;
          const label = sensorLabel({ key, deviceName: s?.deviceName });
          return [this.relabel(toBandSeries(id, key, s?.unit ?? '', label, window, s?.points ?? [], toRoomSpans(s?.rooms)))];
        });
        this.seriesError = null;
        this.syncLive();
      })
      .catch((error: unknown) => {
        if (request === this.request) {
          this.seriesError = error;
          this.series = [];
        }
      })
      .finally(() => {
        if (request === this.request) {
          this.loadingSeries = false;
        }
      });
  }

  // --- live -----------------------------------------------------------------------------------

  private syncLive(): void {
    if (!this.resolved.live || this.view.sensors.length === 0) {
      this.closeLive();
      return;
    }
    const key = this.view.sensors.join(',');
    if (this.stopLive !== null && key === this.liveKey) {
      return;
    }
    this.closeLive();
    this.liveKey = key;
    this.stopLive = openLiveStream(
      liveFilter(this.view.sensors),
      (reading) => this.onReading(reading),
      (state, message) => {
        this.liveState = state;
        this.liveMessage = message ?? '';
      },
    );
  }

  private closeLive(): void {
    this.stopLive?.();
    this.stopLive = null;
    this.liveKey = '';
    this.liveState = null;
  }

  private onReading(reading: Reading): void {
    const id = sensorId(reading.key);
    const series = this.series.find((s) => s.id === id);
    // Under a room filter a sensor that has left the room shows only its time there.
    if (series === undefined || !this.resolved.live || (this.view.room !== '' && (reading.room || reading.location) !== this.view.room)) {
      return;
    }
    const now = Date.now();
    const span = this.resolved.to - this.resolved.from;
    this.resolved = { from: now - span, to: now, live: true };
    appendReading(series, Date.parse(reading.time), Number(reading.value), this.resolved.from, LIVE_LIMIT);
    if (!this.redrawPending) {
      this.redrawPending = true;
      requestAnimationFrame(() => {
        this.redrawPending = false;
        this.syncCharts();
        this.requestUpdate();
      });
    }
  }

  // --- charts ---------------------------------------------------------------------------------

  private syncCharts(): void {
    const groups = new Map(groupSeries(this.series).map((g) => [g.key, g]));
    for (const [key, plot] of this.plots) {
      if (!groups.has(key)) {
        plot.plot.destroy();
        this.plots.delete(key);
      }
    }
    const dark = darkNow();
    for (const group of groups.values()) {
      const el = this.querySelector<HTMLElement>(`div.chart[data-group="${CSS.escape(group.key)}"]`);
      if (el === null) {
        continue;
      }
      const data = alignBands(group.series);
      const ids = group.series.map((s) => s.id + '|' + s.label).join(',');
      const existing = this.plots.get(group.key);
      const scale = { min: this.resolved.from / 1000, max: this.resolved.to / 1000 };
      if (existing && existing.ids === ids && existing.dark === dark && existing.plot.root.parentElement === el) {
        existing.plot.setData(data, false);
        existing.plot.setScale('x', scale);
        continue;
      }
      existing?.plot.destroy();
      el.replaceChildren();
      const lines: ChartLine[] = group.series.map((s) => ({ label: s.label, ...lineStyle(this.view.sensors.indexOf(s.id), dark) }));
      const options = chartOptions(lines, {
        dark,
        unit: group.unit,
        width: Math.max(200, el.clientWidth),
        height: chartHeight(),
        syncKey: SYNC_KEY,
        onSelect: (min, max) => this.onChartSelect(min, max),
      });
      options.scales = { x: { time: true, range: () => [this.resolved.from / 1000, this.resolved.to / 1000] } };
      const plot = new uPlot(options, data, el);
      this.plots.set(group.key, { plot, ids, dark });
      this.resizeObserver?.observe(el);
    }
  }

  private rebuildCharts(): void {
    this.plots.forEach((p) => p.plot.destroy());
    this.plots.clear();
    this.syncCharts();
  }

  private resizeCharts(): void {
    for (const [key, { plot }] of this.plots) {
      const el = this.querySelector<HTMLElement>(`div.chart[data-group="${CSS.escape(key)}"]`);
      if (el !== null && Math.abs(el.clientWidth - plot.width) > 2) {
        plot.setSize({ width: Math.max(200, el.clientWidth), height: chartHeight() });
      }
    }
  }

  /** The shared x-scale change: every chart shows the new range at once, then finer data is fetched. */
  private showRange(from: number, to: number): void {
    this.resolved = { from, to, live: false };
    this.shownRange = this.resolved;
    this.plots.forEach(({ plot }) => plot.setScale('x', { min: from / 1000, max: to / 1000 }));
  }

  private onChartSelect(min: number, max: number): void {
    const { from, to } = zoomRange(min * 1000, max * 1000);
    this.showRange(from, to);
    this.zoomTo(from, to);
  }

  /** Capturing, so a shift+drag never reaches uPlot as a zoom selection. */
  private readonly panListener = { handleEvent: (event: MouseEvent) => this.maybeStartPan(event), capture: true };

  /** Shift+drag moves the range: the charts follow the pointer, the data is fetched on release. */
  private readonly maybeStartPan = (event: MouseEvent): void => {
    if (!event.shiftKey || event.button !== 0) {
      return;
    }
    const chart = event.currentTarget as HTMLElement;
    const over = chart.querySelector<HTMLElement>('.u-over');
    if (over === null) {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
    const startX = event.clientX;
    const { from, to } = this.resolved;
    const width = over.clientWidth || 1;
    let moved = { from, to };
    const move = (e: MouseEvent) => {
      moved = panRange(from, to, -(e.clientX - startX) / width, Date.now());
      this.showRange(moved.from, moved.to);
    };
    const up = () => {
      removeEventListener('mousemove', move, true);
      removeEventListener('mouseup', up, true);
      if (moved.from !== from) {
        this.zoomTo(moved.from, moved.to);
      }
    };
    addEventListener('mousemove', move, true);
    addEventListener('mouseup', up, true);
  };
}

/**
 * Series with min and max per window: one AGGREGATE_BAND request, or (while the server does not know
 * BAND) MEAN, MIN and MAX merged; raw readings when the window is 0. At most 50 sensors per request.
 * With a room, only the points from each sensor's time in it.
 */
async function fetchBands(keys: Series['key'][], from: number, to: number, windowMs: number, room: string): Promise<Series[]> {
  const base = { sensors: keys, start: new Date(from).toISOString(), end: new Date(to).toISOString(), ...(room ? { room } : {}) };
  const get = (aggregate: string) =>
    api
      .request<{ series?: Series[] }>('POST', '/api/v1/readings:series', {
        ...base,
        aggregate,
        ...(windowMs > 0 ? { window: `${windowMs / 1000}s`, maxPoints: RAW_MAX_POINTS } : { maxPoints: RAW_MAX_POINTS }),
      })
      .then((answer) => answer.series ?? []);
  if (windowMs === 0) {
    const raw = await get('AGGREGATE_RAW');
    // The server cuts raw readings at max_points from the start: a busy sensor would lose the end.
    if (raw.every((s) => (s.points?.length ?? 0) < RAW_MAX_POINTS)) {
      return raw;
    }
    return fetchBands(keys, from, to, roundWindow((to - from) / MAX_POINTS_PER_SERIES), room);
  }
  if (bandSupported) {
    try {
      return await get('AGGREGATE_BAND');
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 400) {
        throw error;
      }
      bandSupported = false;
    }
  }
  const [mean, min, max] = await Promise.all([get('AGGREGATE_MEAN'), get('AGGREGATE_MIN'), get('AGGREGATE_MAX')]);
  const points = (list: Series[], s: Series): Point[] => list.find((o) => sensorId(o.key) === sensorId(s.key))?.points ?? [];
  return mean.map((s) => ({ ...s, aggregate: 'AGGREGATE_BAND', points: mergeAggregates(s.points ?? [], points(min, s), points(max, s)) }));
}

/** The live stream takes one filter: the chosen sensors' common quantity or device, or none. */
function liveFilter(ids: string[]): ReadingFilter {
  const keys = ids.map(parseSensorId).filter((k) => k !== null);
  if (keys.length > 0 && keys.every((k) => k.quantity === keys[0].quantity)) {
    if (keys.every((k) => k.deviceId === keys[0].deviceId)) {
      return { quantity: keys[0].quantity, deviceId: keys[0].deviceId };
    }
    return { quantity: keys[0].quantity };
  }
  if (keys.length > 0 && keys.every((k) => k.deviceId === keys[0].deviceId)) {
    return { deviceId: keys[0].deviceId };
  }
  return {};
}

function chartHeight(): number {
  return matchMedia('(max-width: 640px)').matches ? 220 : CHART_HEIGHT;
}

function describeWindow(ms: number): string {
  const units: [number, string][] = [
    [86_400_000, 'd'],
    [3_600_000, 'h'],
    [60_000, 'min'],
    [1000, 's'],
  ];
  for (const [size, unit] of units) {
    if (ms >= size && ms % size === 0) {
      return `${ms / size} ${unit}`;
    }
  }
  return `${ms / 1000} s`;
}

const byLabel = new Intl.Collator(undefined, { numeric: true });
const tableNumber = new Intl.NumberFormat(undefined, { maximumFractionDigits: 3 });
function formatNumber(value: number): string {
  return tableNumber.format(value);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function cssId(text: string): string {
  return text.replace(/[^a-zA-Z0-9_-]/g, '_');
}
