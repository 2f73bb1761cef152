import { ApiError } from '../api.js';

/**
 * A sign-in form is not retried by itself (the API client's unreachable message says it is), and the
 * server's messages start in lower case: a sentence for the form.
 */
export function formError(error: unknown): unknown {
  if (!(error instanceof ApiError)) {
    return error;
  }
  if (error.unreachable) {
    return new ApiError(0, error.code, 'Cannot reach Connected Home. Check the connection and try again.');
  }
  const text = error.message.trim();
  const sentence = text.charAt(0).toLocaleUpperCase() + text.slice(1) + (/[.!?…]$/.test(text) ? '' : '.');
  return new ApiError(error.status, error.code, sentence);
}
