import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, ApiError } from '../api.js';
import { formatDateTime } from '../format.js';
import { session } from '../session.js';
import { AppElement, errorBox } from '../ui.js';
import { register } from './registry.js';
import './account.css';

register({ path: '/account', title: 'Account', tag: 'ch-account', permissions: [], nav: true });

/** Who is signed in, change password, sign out here or everywhere. */
@customElement('ch-account')
export class AccountPage extends AppElement {
  @property({ attribute: false }) path = '/account';
  @state() private busy = false;
  @state() private error: unknown = null;
  @state() private changed = false;
  @state() private signOutError: unknown = null;

  override render() {
    const user = session.user;
    if (user === null) {
      return nothing;
    }
    return html`
      <h1>Account</h1>
      <div class="account">
        <section class="card stack" aria-labelledby="who-title">
          <h2 id="who-title">Signed in as</h2>
          <dl class="who">
            <dt>Name</dt>
            <dd class="display-name">${user.displayName || user.username}</dd>
            <dt>User name</dt>
            <dd class="username">${user.username}</dd>
            ${user.createdAt
              ? html`<dt>Member since</dt>
                  <dd><time datetime=${user.createdAt}>${formatDateTime(user.createdAt)}</time></dd>`
              : nothing}
            <dt>Groups</dt>
            <dd>
              ${user.groups.length === 0
                ? html`<span class="muted">None</span>`
                : html`<ul class="groups tags">
                    ${user.groups.map((group) => html`<li>${group}</li>`)}
                  </ul>`}
            </dd>
          </dl>
          <h3>What you may do</h3>
          ${user.permissions.length === 0
            ? html`<p class="muted">No permissions.</p>`
            : html`<ul class="permissions tags">
                ${[...user.permissions].sort().map((permission) => html`<li><code>${permission}</code></li>`)}
              </ul>`}
        </section>

        <form class="card stack password-form" aria-labelledby="password-title" @submit=${this.changePassword} @input=${this.edited}>
          <h2 id="password-title">Change password</h2>
          <label
            >Current password
            <input name="currentPassword" type="password" autocomplete="current-password" required
          /></label>
          <label
            >New password
            <input name="newPassword" type="password" autocomplete="new-password" required
          /></label>
          <label
            >Repeat the new password
            <input name="repeatPassword" type="password" autocomplete="new-password" required
          /></label>
          ${errorBox(this.error)}
          ${this.changed ? html`<p class="ok password-changed" role="status">Your password has been changed.</p>` : nothing}
          <div class="row">
            <button type="submit" class="primary" ?disabled=${this.busy}>${this.busy ? 'Changing…' : 'Change password'}</button>
          </div>
        </form>

        <section class="card stack" aria-labelledby="signout-title">
          <h2 id="signout-title">Sign out</h2>
          <p class="muted">“Everywhere” also ends your sessions on every other browser and device.</p>
          ${errorBox(this.signOutError)}
          <div class="row">
            <button class="sign-out" @click=${() => this.signOut(false)}>Sign out</button>
            <button class="danger sign-out-everywhere" @click=${() => this.signOut(true)}>Sign out everywhere</button>
          </div>
        </section>
      </div>
    `;
  }

  private edited(): void {
    this.changed = false;
  }

  private async changePassword(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const currentPassword = String(data.get('currentPassword') ?? '');
    const newPassword = String(data.get('newPassword') ?? '');
    this.changed = false;
    if (newPassword !== String(data.get('repeatPassword') ?? '')) {
      this.error = new ApiError(400, 'INVALID_ARGUMENT', 'The new passwords do not match.');
      await this.focusError(form);
      return;
    }
    this.busy = true;
    this.error = null;
    try {
      await api.request('POST', '/api/v1/me/password', { currentPassword, newPassword });
      form.reset();
      this.changed = true;
    } catch (error) {
      this.error = error;
      await this.focusError(form);
    } finally {
      this.busy = false;
    }
  }

  private async focusError(form: HTMLFormElement): Promise<void> {
    await this.updateComplete;
    const box = form.querySelector<HTMLElement>('.error');
    if (box !== null) {
      box.tabIndex = -1;
      box.focus();
    }
  }

  private async signOut(everywhere: boolean): Promise<void> {
    this.signOutError = null;
    try {
      await session.signOut(everywhere);
    } catch (error) {
      // Signed out here all the same (the session forgets the token); say what the server did not do.
      this.signOutError = error;
    }
  }
}
