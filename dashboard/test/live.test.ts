import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EventStreamParser, filterQuery, openDeviceStatusStream, reconnectDelay, type LiveState, type TokenSource } from '../src/live.js';
import type { DeviceStatusChange } from '../src/model.js';

test('events split across chunks come out whole; comments are dropped', () => {
  const parser = new EventStreamParser();
  assert.deepEqual(parser.push(': keep-alive\n\ndata: {"a"'), []);
  assert.deepEqual(parser.push(':1}\n\ndata: 2\r\n\r\nevent: error\ndata: gone\n'), [
    { event: 'message', data: '{"a":1}' },
    { event: 'message', data: '2' },
  ]);
  assert.deepEqual(parser.push('\n'), [{ event: 'error', data: 'gone' }]);
});

test('multi-line data is joined with newlines', () => {
  assert.deepEqual(new EventStreamParser().push('data: a\ndata: b\n\n'), [{ event: 'message', data: 'a\nb' }]);
});

test('reconnect waits 1 s, doubling to at most 15 s', () => {
  assert.deepEqual([1, 2, 3, 4, 5, 6].map(reconnectDelay), [1000, 2000, 4000, 8000, 15000, 15000]);
});

test('the filter becomes the query string, empty fields left out', () => {
  assert.equal(filterQuery({ quantity: 'temperature', room: 'Kids’ room', text: '' }), '?quantity=temperature&room=Kids%E2%80%99+room');
  assert.equal(filterQuery({}), '');
});

/** A gateway stand-in: each call answers the next scripted SSE body, kept open until aborted unless it ends. */
function fakeGateway(bodies: { chunks: string[]; end?: boolean; status?: number }[]) {
  const calls: { url: string; authorization: string | null }[] = [];
  const fetchFn = async (url: string, init?: RequestInit): Promise<Response> => {
    calls.push({ url, authorization: new Headers(init?.headers).get('Authorization') });
    const body = bodies[Math.min(calls.length - 1, bodies.length - 1)];
    if (body.status !== undefined) {
      return new Response('{"error":{"code":401,"status":"UNAUTHENTICATED","message":"Sign in"}}', { status: body.status });
    }
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        body.chunks.forEach((chunk) => controller.enqueue(new TextEncoder().encode(chunk)));
        if (body.end) {
          controller.close();
        }
        init?.signal?.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')));
      },
    });
    return new Response(stream, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
  };
  return { calls, fetchFn };
}

function tokens(): TokenSource & { refreshes: number } {
  return {
    refreshes: 0,
    async freshToken() {
      return 'token-1';
    },
    async refresh() {
      this.refreshes++;
      return true;
    },
  };
}

async function until(condition: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) {
      throw new Error('condition not met in time');
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

test('device statuses arrive from the SSE stream with the access token in the header', async () => {
  const gateway = fakeGateway([
    {
      chunks: [
        ': stream open\n\ndata: {"deviceId":"a","status":"DEVICE_STATUS_ONLINE","since":"2026-12-02T12:00:00Z"}\n\n',
        'data: {"deviceId":"b","status":"DEVICE_STATUS_OFF',
        'LINE","since":"2026-12-02T12:01:00Z"}\n\n',
      ],
    },
  ]);
  const changes: DeviceStatusChange[] = [];
  const states: LiveState[] = [];
  const stop = openDeviceStatusStream((change) => changes.push(change), (state) => states.push(state), tokens(), gateway.fetchFn);
  await until(() => changes.length === 2);
  stop();

  assert.deepEqual(gateway.calls, [{ url: '/api/v1/device-statuses:stream', authorization: 'Bearer token-1' }]);
  assert.deepEqual(
    changes.map((change) => [change.deviceId, change.status]),
    [
      ['a', 'DEVICE_STATUS_ONLINE'],
      ['b', 'DEVICE_STATUS_OFFLINE'],
    ],
  );
  assert.deepEqual(states, ['connecting', 'live']);
});

test('an error event or a 401 ends the attempt; the stream reconnects after the backoff and stops when told', async () => {
  const gateway = fakeGateway([
    { chunks: ['event: error\ndata: {"error":{"code":503,"status":"UNAVAILABLE","message":"stopping"}}\n\n'] },
    { chunks: [], status: 401 },
    { chunks: ['data: {"deviceId":"a","status":"DEVICE_STATUS_OFFLINE"}\n\n'] },
  ]);
  const source = tokens();
  const changes: DeviceStatusChange[] = [];
  const states: LiveState[] = [];
  const started = Date.now();
  const stop = openDeviceStatusStream((change) => changes.push(change), (state) => states.push(state), source, gateway.fetchFn);
  await until(() => changes.length === 1, 10_000);
  assert.ok(Date.now() - started >= 3000 - 50, 'waited 1 s, then 2 s');
  assert.equal(source.refreshes, 1, 'a 401 refreshes the token once');
  assert.deepEqual(states, ['connecting', 'live', 'offline', 'connecting', 'offline', 'connecting', 'live']);

  stop();
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(gateway.calls.length, 3, 'no attempt after stop');
  assert.equal(states.at(-1), 'live', 'stopping is not reported as a failure');
});
