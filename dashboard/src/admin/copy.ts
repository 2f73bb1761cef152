import { html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { AppElement } from '../ui.js';

/**
 * A copy button for a text shown next to it. Where the clipboard is not available (plain HTTP,
 * denied), it says so and selects the text so it can be copied by hand.
 */
@customElement('ch-copy-button')
export class CopyButton extends AppElement {
  @property() text = '';
  @property() label = 'Copy';
  /** CSS selector of the element holding the text, selected when copying by hand is needed. */
  @property() target = '';
  @state() private outcome = '';

  private async copy(): Promise<void> {
    try {
      if (!navigator.clipboard) {
        throw new Error('no clipboard');
      }
      await navigator.clipboard.writeText(this.text);
      this.outcome = 'Copied.';
    } catch {
      const element = this.target ? document.querySelector(this.target) : null;
      if (element) {
        getSelection()?.selectAllChildren(element);
      }
      this.outcome = 'The browser did not allow copying: the text is selected, press Ctrl+C (⌘C).';
    }
  }

  override render() {
    return html`<button type="button" class="copy" @click=${this.copy}>${this.label}</button>
      <span class="copy-outcome muted" role="status">${this.outcome}</span>`;
  }
}
