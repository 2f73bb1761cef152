import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { ApiError } from './api.js';

/**
 * The app's components render into the light DOM: one style sheet for the whole app (no inline
 * styles, so the Content-Security-Policy needs no 'unsafe-inline'), and tests find elements by CSS.
 */
export class AppElement extends LitElement {
  protected override createRenderRoot(): HTMLElement {
    return this;
  }
}

/** A failure as the person should read it: the server's message, never a stack trace. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) {
    return error.message;
  }
  if (error instanceof Error && error.message !== '') {
    return `Something went wrong: ${error.message}`;
  }
  return 'Something went wrong.';
}

export function errorBox(error: unknown): TemplateResult | typeof nothing {
  if (error === null || error === undefined) {
    return nothing;
  }
  return html`<p class="error" role="alert">${messageOf(error)}</p>`;
}

export function loading(what = 'Loading…'): TemplateResult {
  return html`<p class="muted" role="status" aria-live="polite">${what}</p>`;
}
