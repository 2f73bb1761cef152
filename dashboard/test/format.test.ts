import assert from 'node:assert/strict';
import { test } from 'node:test';
import { durationMillis, formatRelative, formatValue } from '../src/format.js';

test('values get precision by size and their unit', () => {
  assert.equal(formatValue(21.456, '°C', 'en-US'), '21.5 °C');
  assert.equal(formatValue(0.0123, '', 'en-US'), '0.01');
  assert.equal(formatValue(1234.5, 'ppm', 'en-US'), '1,235 ppm');
  assert.equal(formatValue(21.456, '°C', 'de-DE'), '21,5 °C');
  assert.equal(formatValue(NaN, '°C'), '–');
});

test('relative times', () => {
  const now = Date.parse('2026-12-02T12:00:00Z');
  assert.equal(formatRelative('2026-12-02T11:57:00Z', now, 'en'), '3 minutes ago');
  assert.equal(formatRelative('2026-12-02T11:59:58Z', now, 'en'), 'now');
  assert.equal(formatRelative('2026-11-30T12:00:00Z', now, 'en'), '2 days ago');
});

test('proto durations', () => {
  assert.equal(durationMillis('300s'), 300_000);
  assert.equal(durationMillis('1.5s'), 1500);
  assert.ok(Number.isNaN(durationMillis('5m')));
});
