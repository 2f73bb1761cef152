import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api } from '../api.js';
import { AppElement, errorBox, loading, messageOf } from '../ui.js';
import { done, failed, noticeView, type Notice } from './notice.js';
import { matrixOf, permissionChanges, toggled, type Matrix } from './permissions.js';
import type { Group, Permission } from './types.js';
import { groupNameHint } from './validation.js';

/** Groups: the permissions matrix (rows groups, columns permissions), create, rename, delete, members. */
@customElement('ch-admin-groups')
export class GroupsView extends AppElement {
  @state() private groups: Group[] | null = null;
  @state() private permissions: Permission[] = [];
  @state() private saved: Matrix = new Map();
  @state() private edited: Matrix = new Map();
  @state() private error: unknown = null;
  @state() private notice: Notice = null;
  @state() private saving = false;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const [groups, permissions] = await Promise.all([
        api.request<{ groups?: Group[] }>('GET', '/api/v1/groups'),
        api.request<{ permissions?: Permission[] }>('GET', '/api/v1/permissions'),
      ]);
      this.groups = groups.groups ?? [];
      this.permissions = permissions.permissions ?? [];
      this.saved = matrixOf(this.groups);
      this.edited = matrixOf(this.groups);
      this.error = null;
    } catch (error) {
      this.error = error;
      this.groups ??= [];
    }
  }

  private async saveMatrix(): Promise<void> {
    const changes = permissionChanges(this.saved, this.edited);
    this.saving = true;
    const problems: string[] = [];
    for (const change of changes) {
      try {
        await api.request('PUT', `/api/v1/groups/${encodeURIComponent(change.name)}/permissions`, { permissions: change.permissions });
      } catch (error) {
        problems.push(`${change.name}: ${messageOf(error)}`);
      }
    }
    this.saving = false;
    await this.load();
    this.notice = problems.length === 0 ? done(`Permissions saved for ${changes.map((c) => c.name).join(', ')}.`) : failed(problems.join(' '));
  }

  private async run(action: () => Promise<unknown>, success: string): Promise<boolean> {
    try {
      await action();
      await this.load();
      this.notice = done(success);
      return true;
    } catch (error) {
      this.notice = failed(error);
      return false;
    }
  }

  private async create(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const name = String(new FormData(form).get('name') ?? '').trim();
    const hint = groupNameHint(name);
    if (hint) {
      this.notice = failed(hint);
      return;
    }
    if (await this.run(() => api.request('POST', '/api/v1/groups', { name, permissions: [] }), `Created the group ${name}.`)) {
      form.reset();
    }
  }

  private rename(group: Group) {
    const newName = prompt(`New name for the group ${group.name}:`, group.name)?.trim();
    if (!newName || newName === group.name) {
      return;
    }
    void this.run(() => api.request('PATCH', `/api/v1/groups/${encodeURIComponent(group.name)}`, { newName }), `Renamed ${group.name} to ${newName}.`);
  }

  private deleteGroup(group: Group) {
    if (!confirm(`Delete the group ${group.name}? Its members lose its permissions.`)) {
      return;
    }
    void this.run(() => api.request('DELETE', `/api/v1/groups/${encodeURIComponent(group.name)}`), `Deleted the group ${group.name}.`);
  }

  private addMember(event: Event, group: Group) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const username = String(new FormData(form).get('username') ?? '').trim();
    if (username === '') {
      this.notice = failed('Enter the username to add.');
      return;
    }
    void this.run(
      () => api.request('PUT', `/api/v1/groups/${encodeURIComponent(group.name)}/members/${encodeURIComponent(username)}`),
      `Added ${username} to ${group.name}.`,
    ).then((ok) => ok && form.reset());
  }

  private removeMember(group: Group, username: string) {
    void this.run(
      () => api.request('DELETE', `/api/v1/groups/${encodeURIComponent(group.name)}/members/${encodeURIComponent(username)}`),
      `Removed ${username} from ${group.name}.`,
    );
  }

  override render() {
    if (this.groups === null) {
      return this.error ? errorBox(this.error) : loading('Loading groups…');
    }
    const changes = permissionChanges(this.saved, this.edited);
    return html`<h2>Groups</h2>
      ${errorBox(this.error)} ${noticeView(this.notice)}
      ${this.groups.length === 0
        ? html`<p class="empty card">No groups.</p>`
        : html`<div class="table-scroll card">
              <table class="matrix">
                <caption>Permissions per group</caption>
                <thead>
                  <tr>
                    <th scope="col">Group</th>
                    ${this.permissions.map((p) => html`<th scope="col" title=${p.description ?? ''}>${p.name}</th>`)}
                  </tr>
                </thead>
                <tbody>
                  ${this.groups.map(
                    (group) => html`<tr data-group=${group.name}>
                      <th scope="row">${group.name}${group.builtIn ? html` <span class="muted">(built-in)</span>` : nothing}</th>
                      ${this.permissions.map(
                        (p) => html`<td>
                          <input type="checkbox" aria-label="${group.name}: ${p.name}" data-permission=${p.name}
                            .checked=${this.edited.get(group.name)?.has(p.name) ?? false}
                            @change=${(e: Event) => (this.edited = toggled(this.edited, group.name, p.name, (e.target as HTMLInputElement).checked))} />
                        </td>`,
                      )}
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>
            <div class="row">
              <button class="primary save-permissions" ?disabled=${changes.length === 0 || this.saving} @click=${this.saveMatrix}>
                ${this.saving ? 'Saving…' : changes.length === 0 ? 'No changes' : `Save changes (${changes.length} ${changes.length === 1 ? 'group' : 'groups'})`}
              </button>
              ${changes.length > 0 ? html`<button @click=${() => (this.edited = matrixOf(this.groups!))}>Undo changes</button>` : nothing}
            </div>`}
      <form class="row card create-group" @submit=${this.create}>
        <label>New group <input name="name" autocomplete="off" required /></label>
        <button type="submit">Create group</button>
      </form>
      <h3>Members</h3>
      <div class="stack">
        ${this.groups.map(
          (group) => html`<details class="card group-members" data-group=${group.name}>
            <summary>${group.name} · ${(group.members ?? []).length} ${(group.members ?? []).length === 1 ? 'member' : 'members'}</summary>
            ${(group.members ?? []).length === 0
              ? html`<p class="muted">No members.</p>`
              : html`<ul>
                  ${(group.members ?? []).map(
                    (m) => html`<li>${m} <button class="danger" @click=${() => this.removeMember(group, m)} aria-label="Remove ${m} from ${group.name}">Remove</button></li>`,
                  )}
                </ul>`}
            <form class="row" @submit=${(e: Event) => this.addMember(e, group)}>
              <label>Username <input name="username" autocomplete="off" /></label>
              <button type="submit">Add to ${group.name}</button>
            </form>
            ${group.builtIn
              ? nothing
              : html`<div class="row">
                  <button @click=${() => this.rename(group)}>Rename ${group.name}</button>
                  <button class="danger" @click=${() => this.deleteGroup(group)}>Delete ${group.name}</button>
                </div>`}
          </details>`,
        )}
      </div>`;
  }
}
