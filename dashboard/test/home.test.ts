import assert from 'node:assert/strict';
import { test } from 'node:test';
import { alertBadges, type Alert } from '../src/home/badges.js';
import { applyStatusChange, combinedLiveState, offlineFromCatalogue, offlineSinceText } from '../src/home/device-status.js';
import { isStale, usualInterval } from '../src/home/freshness.js';
import { compareHref, mostRecent, groupByRoom, matchesFilter, NO_ROOM, quantitiesOf, quantityLabel, roomOf } from '../src/home/rooms.js';
import { addReading, chooseWindow, sparklinePath, type TrendPoint } from '../src/home/sparkline.js';
import { TileModel } from '../src/home/tile-model.js';
import { batches } from '../src/home/trends.js';
import type { Sensor } from '../src/model.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function sensor(deviceId: string, name: string, quantity: string, extra: Partial<Sensor> = {}): Sensor {
  return { key: { deviceId, sensor: name, quantity }, location: '', unit: '°C', sourceFormat: 'json', lastValue: 20, ...extra };
}

test('sensors are grouped by room, then location, rooms by name and "No room" last', () => {
  const rooms = groupByRoom([
    sensor('d3', 's', 'temperature'),
    sensor('d1', 's', 'temperature', { room: 'kitchen', location: 'ignored' }),
    sensor('d2', 's', 'humidity', { location: 'Bedroom' }),
    sensor('d4', 's', 'co2', { room: '  ', location: ' ' }),
    sensor('d0', 's', 'humidity', { room: 'Kitchen 10' }),
    sensor('d5', 's', 'humidity', { room: 'Kitchen 2' }),
  ]);
  assert.deepEqual(
    rooms.map((room) => room.name),
    ['Bedroom', 'kitchen', 'Kitchen 2', 'Kitchen 10', NO_ROOM],
  );
  assert.deepEqual(
    rooms.at(-1)!.sensors.map((s) => s.key.deviceId),
    ['d3', 'd4'],
  );
  assert.equal(roomOf({ room: '', location: 'hall' }), 'hall');
});

test('in a room, sensors sort by device name, sensor and quantity', () => {
  const [room] = groupByRoom([
    sensor('b', 'x', 'temperature', { room: 'r', deviceName: 'Window' }),
    sensor('a', 'y', 'humidity', { room: 'r', deviceName: 'Desk' }),
    sensor('a', 'x', 'temperature', { room: 'r', deviceName: 'Desk' }),
    sensor('a', 'x', 'humidity', { room: 'r', deviceName: 'Desk' }),
  ]);
  assert.deepEqual(
    room.sensors.map((s) => `${s.key.deviceId}/${s.key.sensor}/${s.key.quantity}`),
    ['a/x/humidity', 'a/x/temperature', 'a/y/humidity', 'b/x/temperature'],
  );
});

test('the filter matches room, device name or id, sensor and quantity; the chip narrows to one quantity', () => {
  const s = sensor('sim-001', 'bme280', 'temperature', { room: 'Kitchen', deviceName: 'Fridge' });
  assert.ok(matchesFilter(s, '', ''));
  assert.ok(matchesFilter(s, 'kitch', ''));
  assert.ok(matchesFilter(s, 'FRIDGE', ''));
  assert.ok(matchesFilter(s, 'sim-0', ''));
  assert.ok(matchesFilter(s, ' bme ', 'temperature'));
  assert.ok(!matchesFilter(s, 'garage', ''));
  assert.ok(!matchesFilter(s, '', 'humidity'));
  assert.deepEqual(quantitiesOf([s, sensor('a', 'b', 'co2'), sensor('c', 'd', 'temperature')]), ['co2', 'temperature']);
  assert.equal(quantityLabel('relative_humidity'), 'Relative humidity');
  assert.equal(quantityLabel('co2'), 'CO₂');
});

test('a big catalogue shows the sensors seen most recently, and counts the rest', () => {
  const at = (id: string, time: string | undefined) => sensor(id, 's', 'q', { lastSeen: time });
  const sensors = [at('old', '2026-12-01T00:00:00Z'), at('new', '2026-12-02T12:00:00Z'), at('never', undefined), at('mid', '2026-12-02T06:00:00Z'), at('mid2', '2026-12-02T06:00:00Z')];
  const lastSeen = (s: Sensor) => (s.lastSeen ? Date.parse(s.lastSeen) : NaN);
  const { shown, hidden } = mostRecent(sensors, 3, lastSeen);
  assert.deepEqual(
    shown.map((s) => s.key.deviceId),
    ['new', 'mid', 'mid2'],
  );
  assert.equal(hidden, 2);
  assert.equal(mostRecent(sensors, 10, lastSeen).hidden, 0);
  assert.equal(mostRecent(sensors, 10, lastSeen).shown[0].key.deviceId, 'old', 'all fit: the order is left as it is');
});

test('the usual interval comes from the readings per window, the newest (filling) window left out', () => {
  const window = 15 * MINUTE;
  const counts = (values: number[]) => values.map((value, i) => ({ time: new Date(i * window).toISOString(), value }));
  // Every 30 s: 30 a window; the last, still filling, says 4.
  assert.equal(usualInterval(counts([30, 30, 29, 30, 4]), window), 30_000);
  // Every hour: one reading in every fourth window (empty windows are left out by the server).
  const hourly = [0, 4, 8, 12, 16].map((i) => ({ time: new Date(i * window).toISOString(), value: 1 }));
  assert.equal(usualInterval(hourly, window), HOUR);
  assert.ok(Number.isNaN(usualInterval([], window)));
  assert.ok(Number.isNaN(usualInterval(counts([1]), window)));
});

test('stale after three usual intervals, or 15 minutes when the interval is not known', () => {
  const now = Date.parse('2026-12-02T12:00:00Z');
  assert.ok(!isStale(now - 89_000, 30_000, now));
  assert.ok(isStale(now - 91_000, 30_000, now));
  assert.ok(!isStale(now - 2 * HOUR, HOUR, now));
  assert.ok(isStale(now - 3 * HOUR - 1, HOUR, now));
  assert.ok(!isStale(now - 14 * MINUTE, NaN, now));
  assert.ok(isStale(now - 16 * MINUTE, NaN, now));
  assert.ok(isStale(NaN, 30_000, now), 'never seen');
});

test('the sparkline window gives about 100 points over 24 h, on a round size', () => {
  assert.equal(chooseWindow(24 * HOUR), 15 * MINUTE);
  assert.equal(chooseWindow(HOUR), 30_000);
  assert.equal(chooseWindow(7 * 24 * HOUR), 2 * HOUR);
  const points = (24 * HOUR) / chooseWindow(24 * HOUR);
  assert.ok(points >= 80 && points <= 120, `${points} points`);
});

test('the sparkline path spans the box: time left to right, highest value at the top', () => {
  const w = 15 * MINUTE;
  const start = 0;
  const end = 4 * w;
  const trend: TrendPoint[] = [
    { time: 0, value: 10, count: 1 },
    { time: 2 * w, value: 20, count: 1 },
    { time: 4 * w, value: 15, count: 1 },
  ];
  // 10 % padding top and bottom of a 100 × 30 box: 20 at y 3, 10 at y 27.
  assert.equal(sparklinePath(trend, start, end, 100, 30, w), 'M0,27 L50,3 L100,15');
  assert.equal(sparklinePath([], start, end, 100, 30, w), '');
  // All the same: a flat line in the middle.
  assert.equal(
    sparklinePath(
      trend.map((p) => ({ ...p, value: 5 })),
      start,
      end,
      100,
      30,
      w,
    ),
    'M0,15 L50,15 L100,15',
  );
});

test('a gap of more than three windows breaks the line; a lone point is still drawn', () => {
  const w = MINUTE;
  const trend: TrendPoint[] = [
    { time: 0, value: 1, count: 1 },
    { time: w, value: 2, count: 1 },
    { time: 10 * w, value: 1, count: 1 },
  ];
  assert.match(sparklinePath(trend, 0, 10 * w, 100, 30, w), /^M0,27 L10,3 M100,27$/);
  assert.equal(sparklinePath([{ time: 5 * w, value: 1, count: 1 }], 0, 10 * w, 100, 30, w), 'M50,15 l2,0');
});

test('live readings join the last window as a running mean, or start a new one; old windows drop off', () => {
  const w = 15 * MINUTE;
  let trend: TrendPoint[] = [
    { time: 0, value: 10, count: 1 },
    { time: w, value: 20, count: 3 },
  ];
  trend = addReading(trend, w + 60_000, 24, w);
  assert.deepEqual(trend.at(-1), { time: w, value: 21, count: 4 });
  trend = addReading(trend, 2 * w + 5, 30, w);
  assert.deepEqual(trend.at(-1), { time: 2 * w, value: 30, count: 1 });
  assert.equal(trend.length, 3);
  assert.equal(addReading(trend, 0, 99, w), trend, 'older than the last window: ignored');
  // A day later the old windows are gone.
  trend = addReading(trend, 24 * 3_600_000 + 2 * w + 5, 1, w);
  assert.deepEqual(
    trend.map((p) => p.time),
    [2 * w, 24 * 3_600_000 + 2 * w],
  );
});

test('memory stays bounded when readings arrive for days', () => {
  const w = 15 * MINUTE;
  let trend: TrendPoint[] = [];
  for (let t = 0; t < 5 * 24 * HOUR; t += 10_000) {
    trend = addReading(trend, t, Math.sin(t), w);
  }
  assert.ok(trend.length <= 24 * 4 + 1, `${trend.length} windows`);
});

test('a tile model takes newer readings, refreshes its listeners and ignores older ones', () => {
  const model = new TileModel(sensor('d', 's', 'temperature', { lastSeen: '2026-12-02T12:00:00Z', lastValue: 20 }));
  let changes = 0;
  model.onChange(() => changes++);
  model.setTrend(
    [{ time: '2026-12-02T11:45:00Z', value: 19 }],
    [
      { time: '2026-12-02T11:30:00Z', value: 30 },
      { time: '2026-12-02T11:45:00Z', value: 30 },
      { time: '2026-12-02T12:00:00Z', value: 2 },
    ],
    15 * MINUTE,
  );
  assert.equal(model.intervalMs, 30_000);
  assert.deepEqual(model.trend, [{ time: Date.parse('2026-12-02T11:45:00Z'), value: 19, count: 30 }]);
  const reading = { key: model.sensor.key, location: '', unit: '°C', value: 21, time: '2026-12-02T12:00:30Z' };
  model.apply(reading);
  assert.equal(model.value, 21);
  assert.equal(model.lastSeen, Date.parse('2026-12-02T12:00:30Z'));
  assert.equal(model.trend!.length, 2);
  model.apply({ ...reading, value: 5, time: '2026-12-02T11:00:00Z' });
  assert.equal(model.value, 21);
  assert.equal(changes, 2);
});

test('firing alerts become one badge per series, the most severe; others are left out', () => {
  const alert = (over: Partial<Alert>): Alert => ({
    id: 'a',
    ruleName: 'Too warm',
    state: 'ALERT_STATE_FIRING',
    severity: 'SEVERITY_WARNING',
    deviceId: 'd',
    sensor: 's',
    quantity: 'temperature',
    ...over,
  });
  const badges = alertBadges([
    alert({ reason: 'above 30 for 5m' }),
    alert({ ruleName: 'Far too warm', severity: 'SEVERITY_CRITICAL' }),
    alert({ quantity: 'humidity', state: 'ALERT_STATE_PENDING' }),
    alert({ deviceId: 'e', severity: 'SEVERITY_INFO', state: 'ALERT_STATE_OK' }),
  ]);
  assert.deepEqual([...badges.keys()], ['d/s/temperature']);
  assert.deepEqual(badges.get('d/s/temperature'), {
    severity: 'critical',
    label: 'Critical',
    detail: 'Too warm: above 30 for 5m; Far too warm',
  });
});

test('the catalogue names the offline devices with the time their status was seen; unknown is not offline', () => {
  const offline = offlineFromCatalogue([
    sensor('a', 's', 'temperature', { deviceStatus: 'DEVICE_STATUS_ONLINE', statusSince: '2026-12-02T12:00:00Z' }),
    sensor('b', 's', 'temperature', { deviceStatus: 'DEVICE_STATUS_OFFLINE', statusSince: '2026-12-02T12:00:00Z' }),
    sensor('b', 's', 'humidity', { deviceStatus: 'DEVICE_STATUS_OFFLINE', statusSince: '2026-12-02T12:00:00Z' }),
    sensor('c', 's', 'temperature', { deviceStatus: 'DEVICE_STATUS_UNSPECIFIED' }),
    sensor('d', 's', 'temperature'),
    sensor('e', 's', 'temperature', { deviceStatus: 'DEVICE_STATUS_OFFLINE' }),
  ]);
  assert.deepEqual([...offline.keys()], ['b', 'e']);
  assert.equal(offline.get('b'), Date.parse('2026-12-02T12:00:00Z'));
  assert.ok(Number.isNaN(offline.get('e')));
});

test('stream changes mark a device offline and clear it when online or unknown; no change keeps the same map', () => {
  const since = '2026-12-02T12:05:00Z';
  const start = offlineFromCatalogue([sensor('a', 's', 'temperature', { deviceStatus: 'DEVICE_STATUS_ONLINE' })]);

  const offline = applyStatusChange(start, { deviceId: 'a', status: 'DEVICE_STATUS_OFFLINE', since });
  assert.deepEqual([...offline], [['a', Date.parse(since)]]);
  assert.equal(start.size, 0, 'the earlier map is left as it was');
  assert.equal(applyStatusChange(offline, { deviceId: 'a', status: 'DEVICE_STATUS_OFFLINE', since }), offline);
  assert.equal(applyStatusChange(offline, { deviceId: 'b', status: 'DEVICE_STATUS_ONLINE', since }), offline);

  const later = applyStatusChange(offline, { deviceId: 'a', status: 'DEVICE_STATUS_OFFLINE', since: '2026-12-02T13:00:00Z' });
  assert.equal(later.get('a'), Date.parse('2026-12-02T13:00:00Z'));
  assert.equal(applyStatusChange(later, { deviceId: 'a', status: 'DEVICE_STATUS_ONLINE', since }).size, 0);
  assert.equal(applyStatusChange(later, { deviceId: 'a', status: 'DEVICE_STATUS_UNSPECIFIED' }).size, 0);
});

test('offline since shows the time today, the date before, nothing when not known', () => {
  const now = new Date(2026, 11, 2, 18, 30).getTime();
  assert.equal(offlineSinceText(new Date(2026, 11, 2, 14, 5).getTime(), now, 'en-GB'), '14:05');
  assert.equal(offlineSinceText(new Date(2026, 11, 1, 14, 5).getTime(), now, 'en-GB'), '1 Dec 2026, 14:05');
  assert.equal(offlineSinceText(NaN, now, 'en-GB'), '');
});

test('the page shows the worse state of its two streams', () => {
  assert.equal(combinedLiveState('live', 'live'), 'live');
  assert.equal(combinedLiveState('live', 'connecting'), 'connecting');
  assert.equal(combinedLiveState('offline', 'connecting'), 'offline');
  assert.equal(combinedLiveState('live', 'offline'), 'offline');
});

test('series requests take at most 50 sensors each', () => {
  const keys = Array.from({ length: 120 }, (_, i) => i);
  assert.deepEqual(
    batches(keys).map((batch) => batch.length),
    [50, 50, 20],
  );
  assert.deepEqual(batches([]), []);
});

test('the compare link opens the explorer with the sensor', () => {
  assert.equal(compareHref('sim-001/bme280/temperature'), '/explorer?sensors=sim-001/bme280/temperature');
  assert.equal(compareHref('a b/c&d/e'), '/explorer?sensors=a%20b/c%26d/e');
  assert.equal(new URLSearchParams(compareHref('a b/c&d/e').split('?')[1]).get('sensors'), 'a b/c&d/e');
});
