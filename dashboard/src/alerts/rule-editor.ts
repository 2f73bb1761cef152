import { html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../api.js';
import type { Sensor } from '../model.js';
import { navigate } from '../router.js';
import { session } from '../session.js';
import { AppElement, errorBox, loading, messageOf } from '../ui.js';
import { done, failed, noticeView, type Notice } from '../admin/notice.js';
import { backtestSummary, episodeRows, truncationNote } from './backtest.js';
import { previewRule, type SpanBacktest } from './preview.js';
import {
  emptyRuleForm,
  fieldOfServerError,
  formToRule,
  ruleToForm,
  type ActionForm,
  type ConditionKind,
  type FormErrors,
  type RuleForm,
} from './rule-form.js';
import type { Channel, RenderedMessage, Rule, Severity } from './types.js';

type SelectorField = 'deviceId' | 'sensor' | 'quantity' | 'location';

/** The distinct values of each selector field in the catalogue, for the pickers. */
function choicesOf(sensors: Sensor[]): Record<SelectorField, string[]> {
  const of = (value: (s: Sensor) => string) => [...new Set(sensors.map(value).filter((v) => v !== ''))].sort();
  return {
    deviceId: of((s) => s.key.deviceId),
    sensor: of((s) => s.key.sensor),
    quantity: of((s) => s.key.quantity),
    location: of((s) => s.location),
  };
}

type TextField = { [K in keyof RuleForm]: RuleForm[K] extends string ? K : never }[keyof RuleForm];

/** Creates or edits a rule; preview renders its messages and has alert-service replay it over stored readings. */
@customElement('ch-alert-rule-editor')
export class RuleEditor extends AppElement {
  /** "new" or the rule's id. */
  @property() ruleId = 'new';
  @state() private form: RuleForm | null = null;
  @state() private channels: Channel[] = [];
  @state() private sensors: Sensor[] = [];
  private choices: Record<SelectorField, string[]> = choicesOf([]);
  @state() private errors: FormErrors = {};
  @state() private notice: Notice = null;
  @state() private loadError: unknown = null;
  @state() private saving = false;
  @state() private previewing = false;
  @state() private messages: RenderedMessage[] | null = null;
  @state() private backtests: SpanBacktest[] = [];
  @state() private previewError: string | null = null;

  /** The id the form shows: a save of a new one changes ruleId without reloading. */
  private loaded: string | null = null;

  protected override willUpdate(): void {
    if (this.ruleId !== this.loaded) {
      this.loaded = this.ruleId;
      this.form = null;
      this.notice = null;
      this.loadError = null;
      void this.load();
    }
  }

  private get isNew(): boolean {
    return this.ruleId === 'new';
  }

  private async load(): Promise<void> {
    const [rule, channels, sensors] = await Promise.allSettled([
      this.isNew ? Promise.resolve(null) : api.request<Rule>('GET', `/api/v1/alert-rules/${encodeURIComponent(this.ruleId)}`),
      api.request<{ channels?: Channel[] }>('GET', '/api/v1/alert-channels'),
      api.request<{ sensors?: Sensor[] }>('GET', '/api/v1/sensors'),
    ]);
    if (rule.status === 'rejected') {
      this.loadError = rule.reason;
      return;
    }
    this.form = rule.value === null ? emptyRuleForm() : ruleToForm(rule.value);
    this.channels = channels.status === 'fulfilled' ? channels.value.channels ?? [] : [];
    this.sensors = sensors.status === 'fulfilled' ? sensors.value.sensors ?? [] : [];
    this.choices = choicesOf(this.sensors);
    if (sensors.status === 'rejected') {
      this.notice = failed(`The sensor list could not be loaded (${messageOf(sensors.reason)}); reload the page to pick sensors.`);
    }
  }

  private set<K extends keyof RuleForm>(field: K, value: RuleForm[K]) {
    this.form = { ...this.form!, [field]: value };
  }

  private text(field: TextField) {
    return (event: Event) => this.set(field, (event.target as HTMLInputElement).value);
  }

  private setAction(index: number, change: Partial<ActionForm>) {
    this.set('actions', this.form!.actions.map((action, i) => (i === index ? { ...action, ...change } : action)));
  }

  private serverError(error: unknown) {
    this.markField(error);
    this.notice = failed(error);
  }

  /** The field a server message names gets the message beside it. */
  private markField(error: unknown) {
    const message = messageOf(error);
    const field = fieldOfServerError(message);
    this.errors = field === null ? {} : { [field]: message };
  }

  private async save(event: Event): Promise<void> {
    event.preventDefault();
    const { rule, errors } = formToRule(this.form!, this.isNew ? undefined : this.ruleId);
    this.errors = errors;
    if (rule === null) {
      this.notice = failed('Check the fields marked below.');
      return;
    }
    this.saving = true;
    try {
      const saved = this.isNew
        ? await api.request<Rule>('POST', '/api/v1/alert-rules', rule)
        : await api.request<Rule>('PUT', `/api/v1/alert-rules/${encodeURIComponent(this.ruleId)}`, rule);
      this.form = ruleToForm(saved);
      this.notice = done(`Saved “${saved.name}”.`);
      if (this.isNew) {
        this.ruleId = saved.id!;
        this.loaded = saved.id!;
        navigate(`/alerts/rules/${encodeURIComponent(saved.id!)}`, true);
      }
    } catch (error) {
      this.serverError(error);
    } finally {
      this.saving = false;
    }
  }

  private async preview(): Promise<void> {
    const { rule, errors } = formToRule(this.form!);
    this.errors = errors;
    this.messages = null;
    this.backtests = [];
    this.previewError = null;
    if (rule === null) {
      this.previewError = 'Check the fields marked above first.';
      return;
    }
    this.previewing = true;
    try {
      const preview = await previewRule(rule);
      this.messages = preview.messages;
      this.backtests = preview.backtests;
    } catch (error) {
      // Shown once, in the preview; not again at the top of the form.
      this.markField(error);
      this.previewError = messageOf(error);
    } finally {
      this.previewing = false;
    }
  }

  override render() {
    if (this.form === null) {
      return this.loadError ? errorBox(this.loadError) : loading('Loading the rule…');
    }
    const manage = session.can('alerts:manage');
    return html`<p><a href="/alerts/rules">← Rules</a></p>
      <h2>${this.isNew ? 'New rule' : this.form.name}</h2>
      ${noticeView(this.notice)}
      <form class="stack rule-form" @submit=${this.save} novalidate>
        <fieldset class="card stack" ?disabled=${!manage}>
          <legend>Rule</legend>
          ${this.input('name', 'Name')}
          <div class="row">
            <label class="check"><input type="checkbox" name="enabled" .checked=${this.form.enabled} @change=${(e: Event) => this.set('enabled', (e.target as HTMLInputElement).checked)} /> Enabled</label>
            <label>Severity
              <select name="severity" @change=${(e: Event) => this.set('severity', (e.target as HTMLSelectElement).value as Severity)}>
                ${(['SEVERITY_INFO', 'SEVERITY_WARNING', 'SEVERITY_CRITICAL'] as Severity[]).map(
                  (s) => html`<option value=${s} ?selected=${s === this.form!.severity}>${s.replace('SEVERITY_', '').toLowerCase()}</option>`,
                )}
              </select>
            </label>
          </div>
        </fieldset>
        ${this.selectorSection(manage)} ${this.conditionSection(manage)} ${this.notifySection(manage)} ${this.actionsSection(manage)}
        <div class="row">
          ${manage ? html`<button class="primary" type="submit" ?disabled=${this.saving}>${this.saving ? 'Saving…' : 'Save'}</button>` : nothing}
          <button type="button" class="preview" ?disabled=${this.previewing} @click=${this.preview}>${this.previewing ? 'Previewing…' : 'Preview'}</button>
        </div>
      </form>
      ${this.previewView()}`;
  }

  private hint(field: string): TemplateResult | typeof nothing {
    const message = this.errors[field];
    return message ? html`<span class="field-error" id="err-${field.replace(/\./g, '-')}">${message}</span>` : nothing;
  }

  private input(field: TextField, label: string, extra: { placeholder?: string; inputmode?: string } = {}) {
    const invalid = this.errors[field] !== undefined;
    return html`<label>${label}
      <input name=${field} .value=${this.form![field] as string} @input=${this.text(field)} placeholder=${extra.placeholder ?? ''}
        inputmode=${extra.inputmode ?? 'text'} aria-invalid=${invalid ? 'true' : 'false'} aria-describedby="err-${field}" />
      ${this.hint(field)}
    </label>`;
  }

  private selectorSection(manage: boolean) {
    const options = (field: SelectorField, label: string) => {
      const values = [...this.choices[field]];
      const current = this.form![field];
      if (current !== '' && !values.includes(current)) {
        values.push(current);
      }
      return html`<label>${label}
        <select name=${field} @change=${(e: Event) => this.set(field, (e.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${current === ''}>any</option>
          ${values.map((v) => html`<option value=${v} ?selected=${v === current}>${v}</option>`)}
        </select>
      </label>`;
    };
    return html`<fieldset class="card stack" ?disabled=${!manage}>
      <legend>Which sensors</legend>
      <div class="row">${options('deviceId', 'Device')} ${options('sensor', 'Sensor')} ${options('quantity', 'Quantity')} ${options('location', 'Location')}</div>
      ${this.hint('selector')}
    </fieldset>`;
  }

  private conditionSection(manage: boolean) {
    const kind = this.form!.kind;
    const kinds: [ConditionKind, string][] = [
      ['threshold', 'Threshold'],
      ['noData', 'No data'],
      ['rateOfChange', 'Rate of change'],
    ];
    return html`<fieldset class="card stack" ?disabled=${!manage}>
      <legend>Fires when</legend>
      <div class="row" role="radiogroup" aria-label="Kind of condition">
        ${kinds.map(
          ([value, label]) => html`<label class="check"><input type="radio" name="kind" value=${value} .checked=${kind === value} @change=${() => this.set('kind', value)} /> ${label}</label>`,
        )}
      </div>
      ${kind === 'threshold'
        ? html`<div class="row">
            <label>Comparison
              <select name="comparison" @change=${(e: Event) => this.set('comparison', (e.target as HTMLSelectElement).value as RuleForm['comparison'])}>
                <option value="COMPARISON_ABOVE" ?selected=${this.form!.comparison === 'COMPARISON_ABOVE'}>above</option>
                <option value="COMPARISON_BELOW" ?selected=${this.form!.comparison === 'COMPARISON_BELOW'}>below</option>
              </select>
            </label>
            ${this.input('value', 'Value', { inputmode: 'decimal' })} ${this.input('hysteresis', 'Hysteresis', { inputmode: 'decimal', placeholder: '0' })}
            ${this.input('forDuration', 'For', { placeholder: 'e.g. 5m' })} ${this.input('keepFiringFor', 'Keep firing for', { placeholder: 'e.g. 2m' })}
          </div>`
        : kind === 'noData'
          ? html`<div class="row">
              ${this.input('after', 'Nothing received for', { placeholder: 'e.g. 15m' })}
              <label class="check"><input type="checkbox" .checked=${this.form!.ignoreDeviceStatus} @change=${(e: Event) => this.set('ignoreDeviceStatus', (e.target as HTMLInputElement).checked)} /> Ignore the device's offline status</label>
            </div>`
          : html`<div class="row">
              ${this.input('maxChange', 'Changes by more than', { inputmode: 'decimal' })} ${this.input('per', 'Within', { placeholder: 'e.g. 10m' })}
            </div>`}
      <p class="muted">Durations: 90s, 5m, 1h30m, 2d.</p>
    </fieldset>`;
  }

  private notifySection(manage: boolean) {
    const form = this.form!;
    return html`<fieldset class="card stack" ?disabled=${!manage}>
      <legend>Notifications</legend>
      <fieldset class="row">
        <legend>Channels</legend>
        ${this.channels.length === 0
          ? html`<p class="muted">No channels yet. <a href="/alerts/channels/new">Add one</a>.</p>`
          : this.channels.map(
              (c) => html`<label class="check"><input type="checkbox" name="channel" value=${c.id!} .checked=${form.channelIds.includes(c.id!)}
                @change=${(e: Event) => this.set('channelIds', (e.target as HTMLInputElement).checked ? [...form.channelIds, c.id!] : form.channelIds.filter((id) => id !== c.id))} /> ${c.name}</label>`,
            )}
        ${this.hint('channelIds')}
      </fieldset>
      <div class="row">
        ${this.input('repeatInterval', 'Repeat every (empty: once)', { placeholder: 'e.g. 1h' })}
        <label class="check"><input type="checkbox" name="notifyResolved" .checked=${form.notifyResolved} @change=${(e: Event) => this.set('notifyResolved', (e.target as HTMLInputElement).checked)} /> Notify when resolved</label>
      </div>
      ${this.input('title', 'Title (empty: the default)', { placeholder: '[{{severity}}] {{rule}}: {{state}}' })}
      <label>Body (empty: the default)
        <textarea name="body" rows="3" .value=${form.body} @input=${this.text('body')} aria-describedby="err-body"></textarea>${this.hint('body')}
      </label>
      <p class="muted">Variables: {{rule}} {{severity}} {{state}} {{device}} {{sensor}} {{quantity}} {{location}} {{value}} {{unit}} {{threshold}} {{since}} {{link}} {{reason}}</p>
    </fieldset>`;
  }

  private actionsSection(manage: boolean) {
    const actions = this.form!.actions;
    return html`<fieldset class="card stack" ?disabled=${!manage}>
      <legend>MQTT actions (optional)</legend>
      ${actions.map(
        (action, i) => html`<div class="row action" role="group" aria-label="Action ${i + 1}">
          <label>Topic <input name="actions.${i}.topic" .value=${action.topic} placeholder="cmnd/fan/POWER" @input=${(e: Event) => this.setAction(i, { topic: (e.target as HTMLInputElement).value })} />${this.hint(`actions.${i}.topic`)}</label>
          <label>On firing <input .value=${action.firingPayload} @input=${(e: Event) => this.setAction(i, { firingPayload: (e.target as HTMLInputElement).value })} /></label>
          <label>On resolve <input .value=${action.resolvedPayload} @input=${(e: Event) => this.setAction(i, { resolvedPayload: (e.target as HTMLInputElement).value })} /></label>
          <label>QoS
            <select @change=${(e: Event) => this.setAction(i, { qos: Number((e.target as HTMLSelectElement).value) })}>
              <option value="0" ?selected=${action.qos === 0}>0</option><option value="1" ?selected=${action.qos === 1}>1</option>
            </select>
          </label>
          <label class="check"><input type="checkbox" .checked=${action.retain} @change=${(e: Event) => this.setAction(i, { retain: (e.target as HTMLInputElement).checked })} /> Retain</label>
          <button type="button" class="danger" @click=${() => this.set('actions', actions.filter((_, k) => k !== i))}>Remove action ${i + 1}</button>
        </div>`,
      )}
      ${manage && actions.length < 5
        ? html`<div><button type="button" @click=${() => this.set('actions', [...actions, { topic: '', firingPayload: 'ON', resolvedPayload: 'OFF', qos: 1, retain: false }])}>Add an action</button></div>`
        : nothing}
    </fieldset>`;
  }

  private previewView() {
    if (this.previewError !== null) {
      return html`<section class="card preview-result" aria-live="polite"><h3>Preview</h3><p class="error" role="alert">${this.previewError}</p></section>`;
    }
    if (this.messages === null) {
      return nothing;
    }
    return html`<section class="card stack preview-result" aria-live="polite">
      <h3>Preview</h3>
      <p class="muted">Replayed by alert-service over every stored reading, as it evaluates live, as if the rule had been saved at the start of each span.</p>
      ${this.backtests.map((backtest, i) => this.backtestView(backtest, i === 0))}
      <details>
        <summary>The messages it sends (${this.messages.length})</summary>
        <ul class="rendered">
          ${this.messages.map((m) => html`<li><strong>${m.transition} · ${m.channelKind}</strong><br />${m.title}<pre>${m.body}</pre></li>`)}
        </ul>
      </details>
    </section>`;
  }

  private backtestView(backtest: SpanBacktest, open: boolean) {
    if (backtest.result === null) {
      return html`<div class="stack backtest-span"><h4>${backtest.label}</h4><p class="error" role="alert">${backtest.error}</p></div>`;
    }
    const rows = episodeRows(backtest.result);
    const note = truncationNote(backtest.result);
    return html`<div class="stack backtest-span">
      <h4>${backtest.label}</h4>
      <p class="backtest-total">${backtestSummary(backtest.result)}</p>
      ${rows.length === 0
        ? nothing
        : html`<details class="table-scroll" ?open=${open}>
            <summary>Episodes (${rows.length})</summary>
            <table class="backtest">
              <caption class="visually-hidden">${backtest.label}: firing episodes, newest first</caption>
              <thead>
                <tr><th scope="col">Series</th><th scope="col">Fired</th><th scope="col">Resolved</th><th scope="col">Lasted</th><th scope="col" class="number">Value</th><th scope="col">Why</th></tr>
              </thead>
              <tbody>
                ${rows.map(
                  (r) => html`<tr><td>${r.series}</td><td class="nowrap">${r.firedAt}</td><td class="nowrap">${r.resolvedAt}</td><td>${r.lasted}</td><td class="number nowrap">${r.value}</td><td>${r.reason}</td></tr>`,
                )}
              </tbody>
            </table>
            ${note === null ? nothing : html`<p class="muted">${note}</p>`}
          </details>`}
    </div>`;
  }
}
