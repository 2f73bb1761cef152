import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError } from '../src/api.js';
import { formError } from '../src/pages/login-error.js';

test('a wrong password shows the server’s message as it is', () => {
  const wrong = new ApiError(401, 'UNAUTHENTICATED', 'username or password is wrong');
  assert.equal(formError(wrong), wrong);
});

test('a gateway that is down asks to try again (a form is not retried by itself)', () => {
  const error = formError(new ApiError(0, 'UNAVAILABLE', 'Cannot reach Connected Home. Check the connection; it is tried again by itself.')) as ApiError;
  assert.ok(error.unreachable);
  assert.equal(error.message, 'Cannot reach Connected Home. Check the connection and try again.');
});

test('anything that is not an API error is left as it is', () => {
  const other = new Error('boom');
  assert.equal(formError(other), other);
});
