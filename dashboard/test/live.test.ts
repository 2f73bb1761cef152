import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EventStreamParser, filterQuery, reconnectDelay } from '../src/live.js';

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
