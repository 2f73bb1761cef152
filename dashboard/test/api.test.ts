import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiClient, ApiError, errorOf } from '../src/api.js';

/** An in-process stand-in for the gateway's auth routes: pure logic of the client under test. */
function gateway(accessLifetimeSeconds = 300) {
  const calls: { path: string; authorization?: string; session?: string }[] = [];
  let issued = 0;
  let valid = new Set<string>();
  let refreshAllowed = true;
  const fetchFn = async (path: string, init?: RequestInit) => {
    const headers = (init?.headers ?? {}) as Record<string, string>;
    calls.push({ path, authorization: headers.Authorization, session: headers['X-CH-Session'] });
    const tokens = () => {
      const token = `t${++issued}`;
      valid = new Set([token]);
      return new Response(
        JSON.stringify({ accessToken: token, tokenType: 'Bearer', expiresInSeconds: String(accessLifetimeSeconds), refreshToken: '', refreshExpiresInSeconds: '86400' }),
        { status: 200 },
      );
    };
    if (path === '/api/v1/auth/login') {
      return tokens();
    }
    if (path === '/api/v1/auth/refresh') {
      return refreshAllowed
        ? tokens()
        : new Response(JSON.stringify({ error: { code: 401, status: 'UNAUTHENTICATED', message: 'Not signed in' } }), { status: 401 });
    }
    if (path === '/api/v1/auth/logout') {
      return new Response('{}', { status: 200 });
    }
    const token = headers.Authorization?.replace('Bearer ', '');
    if (token === undefined || !valid.has(token)) {
      return new Response(JSON.stringify({ error: { code: 401, status: 'UNAUTHENTICATED', message: 'expired' } }), { status: 401 });
    }
    return new Response(JSON.stringify({ ok: token }), { status: 200 });
  };
  return {
    calls,
    fetchFn,
    expireAll: () => (valid = new Set()),
    denyRefresh: () => (refreshAllowed = false),
  };
}

test('a request after login carries the access token; the refresh token is never seen by script', async () => {
  const server = gateway();
  const client = new ApiClient(server.fetchFn, () => 0, () => 0 as never);
  await client.login('anna', 'secret');
  assert.deepEqual(await client.request('GET', '/api/v1/me'), { ok: 't1' });
  assert.equal(server.calls[0].session, 'cookie');
  assert.equal(server.calls[1].authorization, 'Bearer t1');
});

test('an access token the server no longer takes is refreshed once and the request repeated', async () => {
  const server = gateway();
  const client = new ApiClient(server.fetchFn, () => 0, () => 0 as never);
  await client.login('anna', 'secret');
  server.expireAll();
  assert.deepEqual(await client.request('GET', '/api/v1/me'), { ok: 't2' });
  assert.deepEqual(
    server.calls.map((call) => call.path),
    ['/api/v1/auth/login', '/api/v1/me', '/api/v1/auth/refresh', '/api/v1/me'],
  );
});

test('a token about to expire is refreshed before the request goes out', async () => {
  let now = 0;
  const server = gateway(60);
  const client = new ApiClient(server.fetchFn, () => now, () => 0 as never);
  await client.login('anna', 'secret');
  now = 45_000;
  assert.deepEqual(await client.request('GET', '/api/v1/me'), { ok: 't2' });
  assert.deepEqual(server.calls.map((call) => call.path), ['/api/v1/auth/login', '/api/v1/auth/refresh', '/api/v1/me']);
});

test('the silent refresh is scheduled 30 s before expiry', async () => {
  const scheduled: number[] = [];
  const server = gateway(300);
  const client = new ApiClient(server.fetchFn, () => 0, (_run, ms) => (scheduled.push(ms), 0 as never));
  await client.login('anna', 'secret');
  assert.deepEqual(scheduled, [270_000]);
});

test('concurrent refreshes share one request (refresh tokens rotate)', async () => {
  const server = gateway();
  const client = new ApiClient(server.fetchFn, () => 0, () => 0 as never);
  const results = await Promise.all([client.refresh(), client.refresh(), client.refresh()]);
  assert.deepEqual(results, [true, true, true]);
  assert.equal(server.calls.filter((call) => call.path === '/api/v1/auth/refresh').length, 1);
});

test('when the refresh is refused the session ends and listeners hear of it', async () => {
  const server = gateway();
  const client = new ApiClient(server.fetchFn, () => 0, () => 0 as never);
  let signedOut = 0;
  client.onSignedOut(() => signedOut++);
  await client.login('anna', 'secret');
  server.expireAll();
  server.denyRefresh();
  await assert.rejects(client.request('GET', '/api/v1/me'), (error: ApiError) => error.status === 401 && /sign in again/.test(error.message));
  assert.equal(client.signedIn, false);
  assert.equal(signedOut, 1);
});

test('a gateway that is down gives a clear message, not an exception text', async () => {
  const client = new ApiClient(async () => {
    throw new TypeError('Failed to fetch');
  });
  await assert.rejects(client.login('anna', 'x'), (error: ApiError) => error.unreachable && /Cannot reach Connected Home/.test(error.message));
});

test('errors carry the server message, or one by status for a page that is not ours', () => {
  assert.equal(errorOf(401, '{"error":{"code":401,"status":"UNAUTHENTICATED","message":"Wrong user name or password"}}').message, 'Wrong user name or password');
  assert.match(errorOf(502, '<html>Bad Gateway</html>').message, /not answering \(502\)/);
  assert.equal(errorOf(500, '').code, 'UNKNOWN');
});
