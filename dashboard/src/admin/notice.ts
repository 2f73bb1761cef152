import { html, nothing } from 'lit';
import { messageOf } from '../ui.js';

/** The outcome of the last action on a page: success in words, or the server's message. */
export type Notice = { ok: boolean; text: string } | null;

export function noticeView(notice: Notice) {
  if (notice === null) {
    return nothing;
  }
  return notice.ok
    ? html`<p class="ok notice" role="status">✓ ${notice.text}</p>`
    : html`<p class="error" role="alert">${notice.text}</p>`;
}

export function done(text: string): Notice {
  return { ok: true, text };
}

/** A failure: the server's message for an API error, or the text given. */
export function failed(error: unknown): Notice {
  return { ok: false, text: typeof error === 'string' ? error : messageOf(error) };
}
