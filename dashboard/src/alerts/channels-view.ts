import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api } from '../api.js';
import { session } from '../session.js';
import { AppElement, errorBox, loading } from '../ui.js';
import { done, failed, noticeView, type Notice } from '../admin/notice.js';
import { CHANNEL_KINDS, kindOf } from './channel-form.js';
import type { Channel, Delivery } from './types.js';

/** What a test notification did, in words. */
export function testOutcome(channel: string, delivery: Delivery): Notice {
  if (delivery.delivered || delivery.status === 'sent') {
    return done(`Test notification sent through “${channel}”.`);
  }
  const detail = [delivery.status, delivery.responseCode ? `answer ${delivery.responseCode}` : '', delivery.error].filter((p) => p).join(', ');
  return failed(`The test through “${channel}” was not delivered (${detail || 'no answer'}).`);
}

/** Notification channels; send a test, new and delete for those who may manage alerts. */
@customElement('ch-alert-channels')
export class AlertChannelsView extends AppElement {
  @state() private channels: Channel[] | null = null;
  @state() private error: unknown = null;
  @state() private notice: Notice = null;
  @state() private testing = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.channels = (await api.request<{ channels?: Channel[] }>('GET', '/api/v1/alert-channels')).channels ?? [];
      this.error = null;
    } catch (error) {
      this.error = error;
      this.channels ??= [];
    }
  }

  private async test(channel: Channel): Promise<void> {
    this.testing = channel.id!;
    try {
      const delivery = await api.request<Delivery>('POST', `/api/v1/alert-channels/${encodeURIComponent(channel.id!)}:test`);
      this.notice = testOutcome(channel.name, delivery);
    } catch (error) {
      this.notice = failed(error);
    } finally {
      this.testing = '';
    }
  }

  private async deleteOne(channel: Channel): Promise<void> {
    if (!confirm(`Delete the channel “${channel.name}”?`)) {
      return;
    }
    try {
      await api.request('DELETE', `/api/v1/alert-channels/${encodeURIComponent(channel.id!)}`);
      await this.load();
      this.notice = done(`Deleted “${channel.name}”.`);
    } catch (error) {
      this.notice = failed(error);
    }
  }

  override render() {
    const manage = session.can('alerts:manage');
    return html`<div class="row heading-row">
        <h2>Channels</h2>
        ${manage ? html`<a class="button primary" href="/alerts/channels/new">New channel</a>` : nothing}
      </div>
      ${errorBox(this.error)} ${noticeView(this.notice)}
      ${this.channels === null
        ? loading('Loading channels…')
        : this.channels.length === 0
          ? html`<p class="empty card">No channels yet: rules can fire, but nobody hears of it.${manage ? html` <a href="/alerts/channels/new">Add one</a>.` : nothing}</p>`
          : html`<div class="table-scroll">
              <table class="channels">
                <caption class="visually-hidden">Notification channels</caption>
                <thead><tr><th>Channel</th><th>Kind</th><th>Quiet hours</th>${manage ? html`<th>Actions</th>` : nothing}</tr></thead>
                <tbody>
                  ${this.channels.map(
                    (channel) => html`<tr data-channel=${channel.id!}>
                      <td><a href="/alerts/channels/${encodeURIComponent(channel.id!)}">${channel.name}</a></td>
                      <td>${CHANNEL_KINDS[kindOf(channel)].label}</td>
                      <td>${channel.quietHours?.start ? `${channel.quietHours.start}–${channel.quietHours.end} (${channel.quietHours.timeZone})` : 'none'}</td>
                      ${manage
                        ? html`<td class="row actions">
                            <button class="test" ?disabled=${this.testing === channel.id} @click=${() => this.test(channel)} aria-label="Send test through ${channel.name}">
                              ${this.testing === channel.id ? 'Sending…' : 'Send test'}
                            </button>
                            <button class="danger" @click=${() => this.deleteOne(channel)} aria-label="Delete ${channel.name}">Delete</button>
                          </td>`
                        : nothing}
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>`}`;
  }
}
