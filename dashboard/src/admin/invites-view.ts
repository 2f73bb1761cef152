import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api } from '../api.js';
import { formatDateTime } from '../format.js';
import { AppElement } from '../ui.js';
import './copy.js';
import { INVITE_VALIDITY, inviteLink } from './invites.js';
import { done, failed, noticeView, type Notice } from './notice.js';
import type { Group, Invite } from './types.js';

/** Single-use invite codes for self-registration: groups, expiry, and the link to pass on. */
@customElement('ch-admin-invites')
export class InvitesView extends AppElement {
  @state() private groups: Group[] = [];
  @state() private invite: Invite | null = null;
  @state() private notice: Notice = null;

  override connectedCallback(): void {
    super.connectedCallback();
    api
      .request<{ groups?: Group[] }>('GET', '/api/v1/groups')
      .then((answer) => (this.groups = answer.groups ?? []))
      .catch((error) => (this.notice = failed(error)));
  }

  private async create(event: Event): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const groups = data.getAll('groups').map(String);
    if (groups.length === 0) {
      this.notice = failed('Choose at least one group the new user joins.');
      return;
    }
    try {
      this.invite = await api.request<Invite>('POST', '/api/v1/invites', {
        groups,
        validForSeconds: String(data.get('validFor') ?? ''),
      });
      this.notice = done('Invite created. The link works once.');
    } catch (error) {
      this.notice = failed(error);
    }
  }

  override render() {
    const link = this.invite ? inviteLink(location.origin, this.invite.code) : '';
    return html`<h2>Invites</h2>
      ${noticeView(this.notice)}
      <form class="card stack create-invite" @submit=${this.create}>
        <fieldset class="row">
          <legend>The new user joins</legend>
          ${this.groups.length === 0
            ? html`<p class="muted">No groups loaded.</p>`
            : this.groups.map(
                (g) => html`<label class="check"><input type="checkbox" name="groups" value=${g.name} ?checked=${g.name === 'members'} /> ${g.name}</label>`,
              )}
        </fieldset>
        <label>Valid for
          <select name="validFor">
            ${INVITE_VALIDITY.map((v) => html`<option value=${v.seconds} ?selected=${v.seconds === 7 * 86_400}>${v.label}</option>`)}
          </select>
        </label>
        <div><button class="primary" type="submit">Create invite</button></div>
      </form>
      ${this.invite
        ? html`<section class="card stack invite" aria-label="The new invite">
            <p>Send this link to the person you invite (groups: ${(this.invite.groups ?? []).join(', ')}${this.invite.expiresAt ? html`; valid until ${formatDateTime(this.invite.expiresAt)}` : nothing}):</p>
            <p><code class="invite-link">${link}</code></p>
            <ch-copy-button .text=${link} label="Copy link" target=".invite-link"></ch-copy-button>
          </section>`
        : nothing}`;
  }
}
