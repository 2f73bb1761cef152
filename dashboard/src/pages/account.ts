import { html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { session } from '../session.js';
import { AppElement } from '../ui.js';
import { register } from './registry.js';

register({ path: '/account', title: 'Account', tag: 'ch-account', permissions: [], nav: true });

/** Change password, sign out here or everywhere. */
@customElement('ch-account')
export class AccountPage extends AppElement {
  @property({ attribute: false }) path = '/account';

  override render() {
    return html`<h1>Account</h1>
      <p>Signed in as ${session.user?.displayName || session.user?.username}</p>
      <button @click=${() => session.signOut()}>Sign out</button>`;
  }
}
