import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../api.js';
import { navigate } from '../router.js';
import { session } from '../session.js';
import { AppElement, errorBox, loading } from '../ui.js';
import { done, failed, noticeView, type Notice } from '../admin/notice.js';
import { CHANNEL_KINDS, channelToForm, emptyChannelForm, formToChannel, type ChannelForm, type ChannelKind } from './channel-form.js';
import { testOutcome } from './channels-view.js';
import type { Channel, Delivery } from './types.js';

/** A channel's settings; secrets are write-only (left empty, the stored one stays). */
@customElement('ch-alert-channel-editor')
export class ChannelEditor extends AppElement {
  /** "new" or the channel's id. */
  @property() channelId = 'new';
  @state() private form: ChannelForm | null = null;
  @state() private secretsSet: string[] = [];
  @state() private errors: Record<string, string> = {};
  @state() private notice: Notice = null;
  @state() private loadError: unknown = null;
  @state() private saving = false;

  /** The id the form shows: a save of a new one changes channelId without reloading. */
  private loaded: string | null = null;

  protected override willUpdate(): void {
    if (this.channelId !== this.loaded) {
      this.loaded = this.channelId;
      this.form = null;
      this.notice = null;
      this.loadError = null;
      void this.load();
    }
  }

  private get isNew(): boolean {
    return this.channelId === 'new';
  }

  private async load(): Promise<void> {
    if (this.isNew) {
      this.form = emptyChannelForm();
      return;
    }
    try {
      const channel = await api.request<Channel>('GET', `/api/v1/alert-channels/${encodeURIComponent(this.channelId)}`);
      this.form = channelToForm(channel);
      this.secretsSet = channel.secretsSet ?? [];
    } catch (error) {
      this.loadError = error;
    }
  }

  private set<K extends keyof ChannelForm>(field: K, value: ChannelForm[K]) {
    this.form = { ...this.form!, [field]: value };
  }

  private setField(name: string, value: string) {
    this.form = { ...this.form!, fields: { ...this.form!.fields, [name]: value } };
  }

  private async save(event: Event): Promise<void> {
    event.preventDefault();
    const { channel, errors } = formToChannel(this.form!, this.isNew ? undefined : this.channelId);
    this.errors = errors;
    if (channel === null) {
      this.notice = failed('Check the fields marked below.');
      return;
    }
    this.saving = true;
    try {
      const saved = this.isNew
        ? await api.request<Channel>('POST', '/api/v1/alert-channels', channel)
        : await api.request<Channel>('PUT', `/api/v1/alert-channels/${encodeURIComponent(this.channelId)}`, channel);
      this.secretsSet = saved.secretsSet ?? [];
      this.form = channelToForm(saved);
      this.notice = done(`Saved “${saved.name}”.`);
      if (this.isNew) {
        this.channelId = saved.id!;
        this.loaded = saved.id!;
        navigate(`/alerts/channels/${encodeURIComponent(saved.id!)}`, true);
      }
    } catch (error) {
      this.notice = failed(error);
    } finally {
      this.saving = false;
    }
  }

  private async test(): Promise<void> {
    try {
      const delivery = await api.request<Delivery>('POST', `/api/v1/alert-channels/${encodeURIComponent(this.channelId)}:test`);
      this.notice = testOutcome(this.form!.name, delivery);
    } catch (error) {
      this.notice = failed(error);
    }
  }

  override render() {
    if (this.form === null) {
      return this.loadError ? errorBox(this.loadError) : loading('Loading the channel…');
    }
    const manage = session.can('alerts:manage');
    const form = this.form;
    const hint = (field: string) => (this.errors[field] ? html`<span class="field-error" id="err-${field}">${this.errors[field]}</span>` : nothing);
    return html`<p><a href="/alerts/channels">← Channels</a></p>
      <h2>${this.isNew ? 'New channel' : form.name}</h2>
      ${noticeView(this.notice)}
      <form class="card stack channel-form" @submit=${this.save}>
        <fieldset class="stack" ?disabled=${!manage}>
          <legend class="visually-hidden">Channel</legend>
          <label>Name <input name="name" required .value=${form.name} @input=${(e: InputEvent) => this.set('name', (e.target as HTMLInputElement).value)} aria-describedby="err-name" />${hint('name')}</label>
          <label>Kind
            <select name="kind" ?disabled=${!this.isNew} @change=${(e: Event) => this.set('kind', (e.target as HTMLSelectElement).value as ChannelKind)}>
              ${(Object.keys(CHANNEL_KINDS) as ChannelKind[]).map((kind) => html`<option value=${kind} ?selected=${kind === form.kind}>${CHANNEL_KINDS[kind].label}</option>`)}
            </select>
          </label>
          ${CHANNEL_KINDS[form.kind].fields.map((field) => {
            const stored = this.secretsSet.includes(field.name.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase()));
            const value = form.fields[field.name] ?? '';
            const onInput = (e: Event) => this.setField(field.name, (e.target as HTMLInputElement).value);
            return html`<label>${field.label}${field.secret ? html` <span class="muted">(secret${stored ? ', stored — leave empty to keep it' : ''})</span>` : nothing}
              ${field.list
                ? html`<textarea name=${field.name} rows="3" .value=${value} @input=${onInput}></textarea>`
                : html`<input name=${field.name} type=${field.secret ? 'password' : field.type ?? 'text'} autocomplete="off" .value=${value} @input=${onInput} />`}
            </label>`;
          })}
          <fieldset class="row">
            <legend>Quiet hours (optional)</legend>
            <label>From <input type="time" name="quietStart" .value=${form.quietStart} @input=${(e: Event) => this.set('quietStart', (e.target as HTMLInputElement).value)} /></label>
            <label>Until <input type="time" name="quietEnd" .value=${form.quietEnd} @input=${(e: Event) => this.set('quietEnd', (e.target as HTMLInputElement).value)} /></label>
            <label>Time zone <input name="quietTimeZone" .value=${form.quietTimeZone} @input=${(e: Event) => this.set('quietTimeZone', (e.target as HTMLInputElement).value)} /></label>
            <label class="check"><input type="checkbox" .checked=${form.criticalBreaksThrough} @change=${(e: Event) => this.set('criticalBreaksThrough', (e.target as HTMLInputElement).checked)} /> Critical alerts break through</label>
            ${hint('quietHours')}
          </fieldset>
          <label>At most this many notifications a minute (empty: 30)
            <input name="maxPerMinute" inputmode="numeric" .value=${form.maxPerMinute} @input=${(e: Event) => this.set('maxPerMinute', (e.target as HTMLInputElement).value)} />${hint('maxPerMinute')}
          </label>
        </fieldset>
        ${manage
          ? html`<div class="row">
              <button class="primary" type="submit" ?disabled=${this.saving}>${this.saving ? 'Saving…' : 'Save'}</button>
              ${this.isNew ? nothing : html`<button type="button" class="test" @click=${this.test}>Send test</button>`}
            </div>`
          : nothing}
      </form>`;
  }
}
