import { html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { AppElement } from '../ui.js';
import { register } from './registry.js';

register({ path: '/', title: 'Home', tag: 'ch-home', permissions: ['readings:read'], nav: true });

/** Rooms with a tile per sensor, live. */
@customElement('ch-home')
export class HomePage extends AppElement {
  @property({ attribute: false }) path = '/';

  override render() {
    return html`<h1>Home</h1>`;
  }
}
