import { html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ApiError, errorOf } from '../api.js';
import { navigate } from '../router.js';
import { session } from '../session.js';
import { formError } from './login-error.js';
import { AppElement, errorBox } from '../ui.js';

/** Sign in, or register with an invite code (`/register?code=…`). */
@customElement('ch-login')
export class LoginPage extends AppElement {
  @state() private registering = location.pathname === '/register';
  @state() private busy = false;
  @state() private error: unknown = null;
  @state() private registered = false;

  override render() {
    return html`
      <main class="login">
        <h1><img src="/icons/icon.svg" alt="" width="40" height="40" /> Connected Home</h1>
        ${this.registering ? this.registerForm() : this.loginForm()}
      </main>
    `;
  }

  private loginForm() {
    return html`
      <form @submit=${this.signIn} class="card stack" aria-labelledby="login-title">
        <h2 id="login-title">Sign in</h2>
        ${this.registered ? html`<p class="ok" role="status">Your account is ready: sign in.</p>` : ''}
        <label>User name <input name="username" autocomplete="username" required autofocus /></label>
        <label>Password <input name="password" type="password" autocomplete="current-password" required /></label>
        ${errorBox(this.error)}
        <button type="submit" class="primary" ?disabled=${this.busy}>${this.busy ? 'Signing in…' : 'Sign in'}</button>
        <p class="muted">Have an invite? <a href="/register" @click=${this.toRegister}>Create your account</a></p>
      </form>
    `;
  }

  private registerForm() {
    const code = new URLSearchParams(location.search).get('code') ?? '';
    return html`
      <form @submit=${this.register} class="card stack" aria-labelledby="register-title">
        <h2 id="register-title">Create your account</h2>
        <label>Invite code <input name="inviteCode" required .value=${code} autocomplete="off" /></label>
        <label>User name <input name="username" autocomplete="username" required /></label>
        <label>Display name <input name="displayName" autocomplete="name" /></label>
        <label>Password <input name="password" type="password" autocomplete="new-password" required /></label>
        ${errorBox(this.error)}
        <button type="submit" class="primary" ?disabled=${this.busy}>Create account</button>
        <p class="muted"><a href="/" @click=${this.toLogin}>Back to sign in</a></p>
      </form>
    `;
  }

  private toRegister(event: Event) {
    event.preventDefault();
    this.error = null;
    this.registering = true;
    navigate('/register');
  }

  private toLogin(event: Event) {
    event.preventDefault();
    this.error = null;
    this.registering = false;
    navigate('/');
  }

  private async signIn(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    this.busy = true;
    this.error = null;
    try {
      await session.signIn(String(form.get('username')), String(form.get('password')));
      if (location.pathname === '/register' || location.pathname === '/login') {
        navigate('/', true);
      }
    } catch (error) {
      (event.target as HTMLFormElement).querySelector<HTMLInputElement>('[name=password]')!.value = '';
      await this.showError(error);
    } finally {
      this.busy = false;
    }
  }

  /** The error in words for this form, and focus on it so a screen reader reads it at once. */
  private async showError(error: unknown): Promise<void> {
    this.error = formError(error);
    await this.updateComplete;
    const box = this.querySelector<HTMLElement>('.error');
    if (box !== null) {
      box.tabIndex = -1;
      box.focus();
    }
  }

  private async register(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    this.busy = true;
    this.error = null;
    try {
      await fetchRegister({
        inviteCode: String(form.get('inviteCode')).trim(),
        username: String(form.get('username')).trim(),
        displayName: String(form.get('displayName') ?? '').trim(),
        password: String(form.get('password')),
      });
      this.registering = false;
      this.registered = true;
      navigate('/', true);
    } catch (error) {
      await this.showError(error);
    } finally {
      this.busy = false;
    }
  }
}

/** Register is public: no token, no cookie. */
async function fetchRegister(body: Record<string, string>): Promise<void> {
  let response: Response;
  try {
    response = await fetch('/api/v1/auth/register', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'UNAVAILABLE', 'Cannot reach Connected Home. Check the connection and try again.');
  }
  if (!response.ok) {
    throw errorOf(response.status, await response.text());
  }
}
