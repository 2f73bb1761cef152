import { html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { AppElement } from '../ui.js';
import { register } from './registry.js';
import '../alerts/active-view.js';
import '../alerts/history-view.js';
import '../alerts/rules-view.js';
import '../alerts/rule-editor.js';
import '../alerts/channels-view.js';
import '../alerts/channel-editor.js';
import './alerts.css';

register({ path: '/alerts', title: 'Alerts', tag: 'ch-alerts', permissions: ['alerts:read'], nav: true });

const TABS = [
  { path: '/alerts', label: 'Active' },
  { path: '/alerts/history', label: 'History' },
  { path: '/alerts/rules', label: 'Rules' },
  { path: '/alerts/channels', label: 'Channels' },
];

/** Alerts: active ones, history, rules and channels, each a sub-path. */
@customElement('ch-alerts')
export class AlertsPage extends AppElement {
  @property({ attribute: false }) path = '/alerts';

  override render() {
    const parts = this.path.split('/').filter((p) => p !== '').slice(1);
    const section = parts[0] ?? '';
    const id = parts[1] === undefined ? undefined : decodeURIComponent(parts[1]);
    const current = '/alerts' + (section === '' ? '' : '/' + section);
    return html`<h1>Alerts</h1>
      <nav class="tabs" aria-label="Alerts">
        ${TABS.map((tab) => html`<a href=${tab.path} aria-current=${tab.path === current ? 'page' : 'false'}>${tab.label}</a>`)}
      </nav>
      ${this.view(section, id)}`;
  }

  private view(section: string, id: string | undefined) {
    switch (section) {
      case '':
        return html`<ch-alerts-active></ch-alerts-active>`;
      case 'history':
        return html`<ch-alerts-history></ch-alerts-history>`;
      case 'rules':
        return id === undefined
          ? html`<ch-alert-rules></ch-alert-rules>`
          : html`<ch-alert-rule-editor .ruleId=${id}></ch-alert-rule-editor>`;
      case 'channels':
        return id === undefined
          ? html`<ch-alert-channels></ch-alert-channels>`
          : html`<ch-alert-channel-editor .channelId=${id}></ch-alert-channel-editor>`;
      default:
        return html`<p class="card">There is no such alerts page. <a href="/alerts">Active alerts</a>.</p>`;
    }
  }
}
