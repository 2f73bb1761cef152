import { html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { session } from '../session.js';
import { AppElement } from '../ui.js';
import { register } from './registry.js';
import '../admin/users-view.js';
import '../admin/groups-view.js';
import '../admin/invites-view.js';
import '../admin/devices-view.js';
import '../admin/audit-view.js';
import './alerts.css';
import './admin.css';

register({ path: '/admin', title: 'Admin', tag: 'ch-admin', permissions: ['users:manage', 'devices:manage'], nav: true });

const TABS = [
  { name: 'users', label: 'Users', permission: 'users:manage', tag: () => html`<ch-admin-users></ch-admin-users>` },
  { name: 'groups', label: 'Groups', permission: 'users:manage', tag: () => html`<ch-admin-groups></ch-admin-groups>` },
  { name: 'invites', label: 'Invites', permission: 'users:manage', tag: () => html`<ch-admin-invites></ch-admin-invites>` },
  { name: 'devices', label: 'Devices', permission: 'devices:manage', tag: () => html`<ch-admin-devices></ch-admin-devices>` },
  { name: 'audit', label: 'Audit log', permission: 'users:manage', tag: () => html`<ch-admin-audit></ch-admin-audit>` },
];

/** Administration: each tab shown only with its permission; /admin opens the first one allowed. */
@customElement('ch-admin')
export class AdminPage extends AppElement {
  @property({ attribute: false }) path = '/admin';

  override render() {
    const allowed = TABS.filter((tab) => session.can(tab.permission));
    const name = this.path.split('/')[2] ?? '';
    const tab = name === '' ? allowed[0] : TABS.find((t) => t.name === name);
    return html`<h1>Admin</h1>
      <nav class="tabs" aria-label="Admin">
        ${allowed.map((t) => html`<a href="/admin/${t.name}" aria-current=${t === tab ? 'page' : 'false'}>${t.label}</a>`)}
      </nav>
      ${tab === undefined
        ? html`<p class="card">There is no such admin page. <a href="/admin">Admin</a>.</p>`
        : allowed.includes(tab)
          ? tab.tag()
          : html`<p class="card">You do not have permission to see ${tab.label.toLowerCase()}.</p>`}`;
  }
}
