import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api } from '../api.js';
import { formatDateTime } from '../format.js';
import { session } from '../session.js';
import { AppElement, errorBox, loading } from '../ui.js';
import { done, failed, noticeView, type Notice } from './notice.js';
import { PageTrail, queryOf } from './paging.js';
import type { AdminUser, Group } from './types.js';
import { passwordHint, usernameHint } from './validation.js';

const PAGE_SIZE = 50;

/** Accounts: list with paging, create, enable and disable. */
@customElement('ch-admin-users')
export class UsersView extends AppElement {
  @state() private users: AdminUser[] | null = null;
  @state() private groups: Group[] = [];
  @state() private error: unknown = null;
  @state() private notice: Notice = null;
  @state() private hints: Record<string, string> = {};
  private readonly trail = new PageTrail();

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load(this.trail.current);
    api
      .request<{ groups?: Group[] }>('GET', '/api/v1/groups')
      .then((answer) => (this.groups = answer.groups ?? []))
      .catch(() => {
        // The create form then offers no group choice: the new user joins `members`.
      });
  }

  private async load(pageToken: string): Promise<void> {
    this.users = null;
    try {
      const answer = await api.request<{ users?: AdminUser[]; nextPageToken?: string }>(
        'GET',
        '/api/v1/users' + queryOf({ pageSize: PAGE_SIZE, pageToken }),
      );
      this.users = answer.users ?? [];
      this.trail.loaded(answer.nextPageToken);
      this.error = null;
    } catch (error) {
      this.users = [];
      this.error = error;
    }
  }

  private async create(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const username = String(data.get('username') ?? '').trim();
    const password = String(data.get('password') ?? '');
    const hints: Record<string, string> = {};
    const u = usernameHint(username);
    const p = passwordHint(password);
    if (u) hints.username = u;
    if (p) hints.password = p;
    this.hints = hints;
    if (u || p) {
      this.notice = failed('Check the fields marked below.');
      return;
    }
    try {
      const user = await api.request<AdminUser>('POST', '/api/v1/users', {
        username,
        displayName: String(data.get('displayName') ?? '').trim(),
        password,
        groups: data.getAll('groups').map(String),
      });
      this.notice = done(`Created ${user.username}${user.groups?.length ? ` in ${user.groups.join(', ')}` : ''}.`);
      form.reset();
      this.trail.reset();
      await this.load('');
    } catch (error) {
      this.notice = failed(error);
    }
  }

  private async setEnabled(user: AdminUser, enabled: boolean): Promise<void> {
    try {
      const updated = await api.request<AdminUser>('POST', `/api/v1/users/${encodeURIComponent(user.username)}:setEnabled`, { enabled });
      this.users = (this.users ?? []).map((u) => (u.username === updated.username ? updated : u));
      this.notice = done(`${user.username} ${enabled ? 'enabled' : 'disabled'}.`);
    } catch (error) {
      this.notice = failed(error);
    }
  }

  override render() {
    return html`<h2>Users</h2>
      ${noticeView(this.notice)}
      <details class="card">
        <summary>Create a user</summary>
        <form class="stack create-user" @submit=${this.create} novalidate>
          <div class="row">
            <label>Username <input name="username" autocomplete="off" required aria-describedby="hint-username" />
              ${this.hints.username ? html`<span class="field-error" id="hint-username">${this.hints.username}</span>` : nothing}</label>
            <label>Display name <input name="displayName" autocomplete="off" /></label>
            <label>Password <input name="password" type="password" autocomplete="new-password" required aria-describedby="hint-password" />
              ${this.hints.password ? html`<span class="field-error" id="hint-password">${this.hints.password}</span>` : nothing}</label>
          </div>
          ${this.groups.length > 0
            ? html`<fieldset class="row"><legend>Groups (none: members)</legend>
                ${this.groups.map((g) => html`<label class="check"><input type="checkbox" name="groups" value=${g.name} /> ${g.name}</label>`)}
              </fieldset>`
            : nothing}
          <div><button class="primary" type="submit">Create user</button></div>
        </form>
      </details>
      ${errorBox(this.error)}
      ${this.users === null
        ? loading('Loading users…')
        : this.users.length === 0
          ? html`<p class="empty card">No users on this page.</p>`
          : html`<div class="table-scroll">
              <table class="users">
                <caption class="visually-hidden">Users</caption>
                <thead><tr><th>User</th><th>Groups</th><th>Created</th><th>Status</th><th>Actions</th></tr></thead>
                <tbody>
                  ${this.users.map(
                    (user) => html`<tr data-user=${user.username}>
                      <td>${user.displayName || user.username}<br /><span class="muted">${user.username}</span></td>
                      <td>${(user.groups ?? []).join(', ') || '–'}</td>
                      <td>${user.createdAt ? formatDateTime(user.createdAt) : ''}</td>
                      <td>${user.enabled ? 'enabled' : html`<strong>disabled</strong>`}</td>
                      <td>
                        ${user.username === session.user?.username
                          ? html`<span class="muted">you</span>`
                          : user.enabled
                            ? html`<button class="danger" @click=${() => this.setEnabled(user, false)} aria-label="Disable ${user.username}">Disable</button>`
                            : html`<button @click=${() => this.setEnabled(user, true)} aria-label="Enable ${user.username}">Enable</button>`}
                      </td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>`}
      <nav class="row pager" aria-label="User pages">
        <button ?disabled=${!this.trail.hasPrevious} @click=${() => this.load(this.trail.back())}>Previous</button>
        <span class="muted">Page ${this.trail.pageNumber}</span>
        <button ?disabled=${!this.trail.hasNext} @click=${() => this.load(this.trail.forward())}>Next</button>
      </nav>`;
  }
}
