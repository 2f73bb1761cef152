import { ApiError } from '../api.js';

/** A sign-in form is not retried by itself (the API client's unreachable message says it is); other errors keep the server's words. */
export function formError(error: unknown): unknown {
  if (!(error instanceof ApiError)) {
    return error;
  }
  if (error.unreachable) {
    return new ApiError(0, error.code, 'Cannot reach Connected Home. Check the connection and try again.');
  }
  return error;
}
