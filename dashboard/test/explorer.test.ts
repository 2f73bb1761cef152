import assert from 'node:assert/strict';
import { test } from 'node:test';
import { alignBands, appendReading, gapThreshold, mergeAggregates, toBandSeries, type BandSeries } from '../src/explorer/band.js';
import { buildCsv, CSV_HEADER, csvFileName } from '../src/explorer/csv.js';
import { groupSeries } from '../src/explorer/groups.js';
import { roomAt, roomNote, toRoomSpans } from '../src/explorer/rooms.js';
import {
  chooseWindow,
  fromLocalInput,
  MAX_POINTS_PER_SERIES,
  MIN_SPAN,
  panRange,
  rangeProblem,
  roundWindow,
  resolveRange,
  toLocalInput,
  scaleRange,
  zoomRange,
} from '../src/explorer/range.js';
import { MAX_SENSORS, parseState, serialiseState } from '../src/explorer/state.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.parse('2026-12-02T12:00:00Z');
const key = (deviceId: string, sensor = 'bme280', quantity = 'temperature') => ({ deviceId, sensor, quantity });

function series(id: string, windowMs: number, times: number[], values: number[], extra: Partial<BandSeries> = {}): BandSeries {
  const [deviceId, sensor, quantity] = id.split('/');
  return {
    id,
    key: { deviceId, sensor, quantity },
    unit: '°C',
    label: id,
    windowMs,
    times,
    mean: values,
    min: values.map((v) => (windowMs > 0 ? v - 1 : NaN)),
    max: values.map((v) => (windowMs > 0 ? v + 1 : NaN)),
    lastCount: 1,
    rooms: [],
    ...extra,
  };
}

test('quick ranges end now and are live; absolute ones are not', () => {
  assert.deepEqual(resolveRange({ kind: 'quick', name: '24h' }, NOW), { from: NOW - DAY, to: NOW, live: true });
  assert.deepEqual(resolveRange({ kind: 'quick', name: '1y' }, NOW), { from: NOW - 365 * DAY, to: NOW, live: true });
  assert.deepEqual(resolveRange({ kind: 'absolute', from: 1, to: 2 }, NOW), { from: 1, to: 2, live: false });
});

test('absolute ranges must run forwards and span at most 400 days', () => {
  assert.equal(rangeProblem(NOW - HOUR, NOW), null);
  assert.match(rangeProblem(NOW, NOW) ?? '', /after the start/);
  assert.match(rangeProblem(NOW, NOW - 1) ?? '', /after the start/);
  assert.match(rangeProblem(NOW - 401 * DAY, NOW) ?? '', /400 days/);
  assert.match(rangeProblem(NaN, NOW) ?? '', /both/);
});

test('the window keeps a series within one point per pixel and at most 1000 points', () => {
  assert.equal(chooseWindow(20 * 60_000, 1000), 0, 'short ranges are raw');
  assert.equal(chooseWindow(DAY, 1000), 2 * 60_000);
  assert.equal(chooseWindow(DAY, 300), 5 * 60_000);
  assert.equal(chooseWindow(7 * DAY, 1000), 15 * 60_000);
  assert.equal(chooseWindow(365 * DAY, 1000), 12 * HOUR);
  assert.equal(chooseWindow(400 * DAY, 300), 2 * DAY);
  for (const span of [HOUR, 6 * HOUR, DAY, 7 * DAY, 30 * DAY, 365 * DAY, 400 * DAY]) {
    for (const width of [320, 800, 1200, 4000]) {
      const window = chooseWindow(span, width);
      assert.ok(window > 0);
      assert.ok(span / window <= Math.min(width, MAX_POINTS_PER_SERIES), `${span} at ${width}px: ${span / window} points`);
    }
  }
  assert.ok(chooseWindow(DAY, 0) > 0, 'an unmeasured width still gives a window');
  assert.equal(roundWindow(1), 1000);
  assert.equal(roundWindow(1800), 2000);
  assert.equal(roundWindow(10 * DAY), 10 * DAY);
});

test('zoom takes either drag direction and keeps a minimum span', () => {
  assert.deepEqual(zoomRange(NOW, NOW - HOUR), { from: NOW - HOUR, to: NOW });
  const tiny = zoomRange(NOW, NOW + 1000);
  assert.equal(tiny.to - tiny.from, MIN_SPAN);
  assert.ok(tiny.from < NOW && tiny.to > NOW + 1000);
});

test('pan moves by a fraction of the span and never past now', () => {
  assert.deepEqual(panRange(NOW - 2 * HOUR, NOW - HOUR, -0.5, NOW), { from: NOW - 2.5 * HOUR, to: NOW - 1.5 * HOUR });
  assert.deepEqual(panRange(NOW - 2 * HOUR, NOW - HOUR, 0.5, NOW), { from: NOW - 1.5 * HOUR, to: NOW - 0.5 * HOUR });
  assert.deepEqual(panRange(NOW - 2 * HOUR, NOW - HOUR, 2, NOW), { from: NOW - HOUR, to: NOW });
  assert.deepEqual(panRange(NOW - HOUR, NOW, 0.5, NOW), { from: NOW - HOUR, to: NOW });
});

test('zoom out and in scale the span around its middle, ending no later than now', () => {
  assert.deepEqual(scaleRange(NOW - 4 * HOUR, NOW - 2 * HOUR, 2, NOW), { from: NOW - 5 * HOUR, to: NOW - HOUR });
  assert.deepEqual(scaleRange(NOW - HOUR, NOW, 2, NOW), { from: NOW - 2 * HOUR, to: NOW });
  const widest = scaleRange(NOW - 300 * DAY, NOW, 2, NOW);
  assert.equal(widest.to - widest.from, 400 * DAY);
  assert.deepEqual(scaleRange(NOW - 4 * HOUR, NOW - 2 * HOUR, 0.5, NOW), { from: NOW - 3.5 * HOUR, to: NOW - 2.5 * HOUR });
  const narrowest = scaleRange(NOW - 60_000, NOW - 30_000, 0.5, NOW);
  assert.equal(narrowest.to - narrowest.from, MIN_SPAN);
});

test('datetime-local values are local times and round trip', () => {
  const local = new Date(2026, 11, 2, 14, 5).getTime();
  assert.equal(toLocalInput(local), '2026-12-02T14:05');
  assert.equal(fromLocalInput('2026-12-02T14:05'), local);
  assert.equal(fromLocalInput('2026-12-02T14:05:30'), local + 30_000);
  assert.ok(Number.isNaN(fromLocalInput('2026-02-30T10:00')));
  assert.ok(Number.isNaN(fromLocalInput('yesterday')));
  assert.ok(Number.isNaN(fromLocalInput('')));
});

test('the view round-trips through the URL', () => {
  const state = {
    sensors: ['sim-001/bme280/temperature', 'sim-002/scd41/co2'],
    range: { kind: 'absolute' as const, from: Date.parse('2026-12-01T08:00:00Z'), to: Date.parse('2026-12-01T20:30:00Z') },
    quantity: 'temperature',
    room: 'Kitchen',
    device: 'sim-001',
    text: 'bme',
  };
  const query = serialiseState(state);
  assert.equal(query.get('from'), '2026-12-01T08:00:00.000Z');
  assert.equal(query.get('sensors'), 'sim-001/bme280/temperature,sim-002/scd41/co2');
  assert.deepEqual(parseState(new URLSearchParams(query.toString())), state);
  const quick = parseState(new URLSearchParams('sensors=a/b/c&range=7d'));
  assert.deepEqual(quick.range, { kind: 'quick', name: '7d' });
  assert.equal(serialiseState(quick).toString(), 'sensors=a%2Fb%2Fc&range=7d');
});

test('bad URL values are ignored, not fatal', () => {
  const state = parseState(
    new URLSearchParams('sensors=a/b/c,not-a-sensor,,a//c,a/b/c,x/y/z&range=2w&from=yesterday&to=2026-12-01T00:00:00Z&quantity=%01bad&q=' + 'x'.repeat(300)),
  );
  assert.deepEqual(state.sensors, ['a/b/c', 'x/y/z']);
  assert.deepEqual(state.range, { kind: 'quick', name: '24h' });
  assert.equal(state.quantity, '');
  assert.equal(state.text, '');
  const backwards = parseState(new URLSearchParams('from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z'));
  assert.deepEqual(backwards.range, { kind: 'quick', name: '24h' });
  const many = Array.from({ length: 80 }, (_, i) => `d${i}/s/q`).join(',');
  assert.equal(parseState(new URLSearchParams({ sensors: many })).sensors.length, MAX_SENSORS);
  assert.deepEqual(parseState(new URLSearchParams('')), parseState(new URLSearchParams('range=')));
});

test('three aggregates merge into band points by time', () => {
  const mean = [
    { time: '2026-12-02T10:00:00Z', value: 20 },
    { time: '2026-12-02T10:05:00Z', value: 21 },
  ];
  const min = [
    { time: '2026-12-02T10:00:00Z', value: 19 },
    { time: '2026-12-02T10:05:00.000Z', value: 20.5 },
  ];
  const max = [{ time: '2026-12-02T10:05:00Z', value: 22 }];
  assert.deepEqual(mergeAggregates(mean, min, max), [
    { time: '2026-12-02T10:00:00Z', value: 20, min: 19, max: 20 },
    { time: '2026-12-02T10:05:00Z', value: 21, min: 20.5, max: 22 },
  ]);
});

test('API points become sorted plain arrays; raw points have no band', () => {
  const s = toBandSeries('a/b/c', key('a'), '°C', 'A', 0, [
    { time: '2026-12-02T10:00:10Z', value: 2 },
    { time: '2026-12-02T10:00:00Z', value: 1 },
    { time: '2026-12-02T10:00:20Z' } as never,
  ]);
  assert.deepEqual(s.times, [Date.parse('2026-12-02T10:00:00Z'), Date.parse('2026-12-02T10:00:10Z'), Date.parse('2026-12-02T10:00:20Z')]);
  assert.deepEqual(s.mean, [1, 2, 0], 'proto JSON leaves out a value of 0');
  assert.ok(s.min.every(Number.isNaN));
  const band = toBandSeries('a/b/c', key('a'), '°C', 'A', 60_000, [{ time: '2026-12-02T10:00:00Z', value: 0.5, max: 1 }]);
  assert.deepEqual([band.mean, band.min, band.max], [[0.5], [0], [1]], 'a band min of 0 is left out of proto JSON');
});

test('series are aligned on the union of their times, with gaps where a series stopped', () => {
  const w = 60_000;
  const a = series('a/s/temperature', w, [0, w, 2 * w, 10 * w], [1, 2, 3, 4]);
  const b = series('b/s/temperature', w, [w, 3 * w], [5, 6]);
  const data = alignBands([a, b]) as unknown as (number | null | undefined)[][];
  assert.deepEqual(data[0], [0, 60, 120, 180, 360, 600]);
  assert.equal(data.length, 7);
  assert.deepEqual(data[3], [1, 2, 3, undefined, null, 4], 'a: mean, null in its 8-minute gap');
  assert.deepEqual(data[1], [0, 1, 2, undefined, null, 3], 'a: min');
  assert.deepEqual(data[2], [2, 3, 4, undefined, null, 5], 'a: max');
  assert.deepEqual(data[6], [undefined, 5, undefined, 6, undefined, undefined], 'b: no gap, 2 windows apart');
  assert.equal(gapThreshold(a), 2.5 * w);
  const raw = series('r/s/temperature', 0, [0, 5000, 10_000, 15_000, 600_000], [1, 1, 1, 1, 1]);
  assert.equal(gapThreshold(raw), 60_000);
  assert.deepEqual(alignBands([]), [[]]);
});

// How fast this is lives in the bench (./dev/bench dashboard), not here.
test('aligning 100,000 points keeps every one, in order', () => {
  const n = 100_000;
  const times = Array.from({ length: n }, (_, i) => i * 1000);
  const values = times.map((t) => Math.sin(t / 1e6));
  const data = alignBands([series('a/s/q', 1000, times, values)]);
  assert.equal(data[0].length, n);
  assert.equal(data[0][n - 1], times[n - 1] / 1000);
  assert.equal(data[3][n - 1], values[n - 1], "the mean line of the last point");
});

test('live readings go into the last window or a new one, bounded', () => {
  const w = 60_000;
  const s = series('a/s/q', w, [0, w], [10, 20]);
  appendReading(s, w + 30_000, 30, 0, 100);
  assert.deepEqual(s.times, [0, w]);
  assert.equal(s.mean[1], 25);
  assert.equal(s.max[1], 30);
  assert.equal(s.min[1], 19);
  appendReading(s, 2 * w + 1, 5, 0, 100);
  assert.deepEqual(s.times, [0, w, 2 * w]);
  assert.deepEqual([s.mean[2], s.min[2], s.max[2]], [5, 5, 5]);
  appendReading(s, 10, 99, 0, 100);
  assert.equal(s.times.length, 3, 'an old reading is not drawn back in time');
  appendReading(s, 3 * w, 7, 2 * w, 100);
  assert.deepEqual(s.times, [w, 2 * w, 3 * w], 'windows ending before the range start are dropped');
  appendReading(s, 4 * w, 8, 0, 2);
  assert.deepEqual(s.times, [3 * w, 4 * w], 'at most the limit');
  const raw = series('r/s/q', 0, [1000], [1]);
  appendReading(raw, 2000, 2, 0, 10);
  appendReading(raw, 2000, 3, 0, 10);
  assert.deepEqual(raw.times, [1000, 2000]);
  assert.ok(Number.isNaN(raw.min[1]));
  appendReading(raw, NaN, 3, 0, 10);
  assert.equal(raw.times.length, 2);
});

test('CSV has the header, UTC times, numbers as given, the room then and only the range', () => {
  const t0 = Date.parse('2026-12-02T10:00:00Z');
  const rooms = [
    { room: 'Kitchen', start: t0, end: t0 + 30_000 },
    { room: 'Bedroom', start: t0 + 30_000, end: Infinity },
  ];
  const a = series('sim-001/bme280/temperature', 60_000, [t0, t0 + 60_000, t0 + 120_000], [21.25, 21.5, 22], { rooms });
  const b = series('=cmd,1/"x"/co2', 0, [t0 + 60_000], [415], { unit: 'ppm', rooms: [{ room: '=Hall, 1', start: t0, end: Infinity }] });
  const csv = buildCsv([a, b], t0, t0 + 60_000);
  assert.equal(
    csv,
    [
      CSV_HEADER,
      '2026-12-02T10:00:00.000Z,sim-001,bme280,temperature,°C,21.25,20.25,22.25,Kitchen',
      '2026-12-02T10:01:00.000Z,sim-001,bme280,temperature,°C,21.5,20.5,22.5,Bedroom',
      `2026-12-02T10:01:00.000Z,"'=cmd,1","""x""",co2,ppm,415,,,"'=Hall, 1"`,
      '',
    ].join('\r\n'),
  );
  assert.equal(CSV_HEADER, 'time,device,sensor,quantity,unit,mean,min,max,room');
  const underFilter = buildCsv([a], t0, t0, 'Bedroom').split('\r\n')[1];
  assert.ok(underFilter.endsWith(',Bedroom'), 'a window that was partly in the filtered room is in it');
  assert.ok(buildCsv([series('n/s/q', 0, [t0], [1])], t0, t0).split('\r\n')[1].endsWith(',1,,,'), 'no periods: no room');
  assert.equal(buildCsv([], t0, t0 + 1), CSV_HEADER + '\r\n');
  assert.equal(csvFileName(t0, t0 + DAY), 'connected-home-20261202T100000Z-20261203T100000Z.csv');
});

test('one chart per quantity and unit', () => {
  const groups = groupSeries([
    series('a/s/temperature', 0, [], []),
    series('b/s/humidity', 0, [], [], { unit: '%' }),
    series('c/s/temperature', 0, [], []),
    series('d/s/temperature', 0, [], [], { unit: '°F' }),
  ]);
  assert.deepEqual(
    groups.map((g) => [g.quantity, g.unit, g.series.map((s) => s.id)]),
    [
      ['temperature', '°C', ['a/s/temperature', 'c/s/temperature']],
      ['humidity', '%', ['b/s/humidity']],
      ['temperature', '°F', ['d/s/temperature']],
    ],
  );
});

test('room periods from the API become spans; an open end lasts', () => {
  assert.deepEqual(
    toRoomSpans([
      { room: 'Kitchen', start: '2026-12-01T00:00:00Z', end: '2026-12-01T10:00:00Z' },
      { start: '2026-12-01T10:00:00Z', end: '2026-12-01T11:00:00Z' },
      { room: 'Bedroom', start: '2026-12-01T11:00:00Z' },
      { room: 'broken', start: 'yesterday' },
    ]),
    [
      { room: 'Kitchen', start: Date.parse('2026-12-01T00:00:00Z'), end: Date.parse('2026-12-01T10:00:00Z') },
      { room: '', start: Date.parse('2026-12-01T10:00:00Z'), end: Date.parse('2026-12-01T11:00:00Z') },
      { room: 'Bedroom', start: Date.parse('2026-12-01T11:00:00Z'), end: Infinity },
    ],
  );
  assert.deepEqual(toRoomSpans(undefined), []);
});

test('each point gets the room in effect at its time', () => {
  const spans = [
    { room: 'Kitchen', start: 1000, end: 5000 },
    { room: '', start: 5000, end: 6000 },
    { room: 'Bedroom', start: 6000, end: Infinity },
  ];
  assert.equal(roomAt(spans, 1000, 0), 'Kitchen');
  assert.equal(roomAt(spans, 4999, 0), 'Kitchen');
  assert.equal(roomAt(spans, 5000, 0), '', 'no room set and no location');
  assert.equal(roomAt(spans, 9_000_000, 0), 'Bedroom', 'still there: live points too');
  assert.equal(roomAt(spans, 4000, 3000), 'Kitchen', 'a window in two rooms: the one at its start');
  assert.equal(roomAt(spans, 4000, 3000, 'Bedroom'), 'Bedroom', 'unless the filtered room is one of them');
  assert.equal(roomAt(spans, 4000, 3000, 'Attic'), 'Kitchen');
  assert.equal(roomAt(spans, 0, 2000), 'Kitchen', 'an aligned window starting before the range');
  assert.equal(roomAt(spans, 0, 500), '', 'before every period');
  assert.equal(roomAt([], 1000, 0), '');
});

test('a sensor listed under a room it has left says where it is now', () => {
  assert.equal(roomNote({ room: 'Kitchen', location: 'lab' }, ''), 'Kitchen');
  assert.equal(roomNote({ room: 'Kitchen', location: 'lab' }, 'Kitchen'), 'Kitchen');
  assert.equal(roomNote({ room: 'Bedroom', location: 'lab' }, 'Kitchen'), 'now in Bedroom');
  assert.equal(roomNote({ location: 'lab' }, 'lab'), 'lab', 'no room set: the location is the room');
  assert.equal(roomNote({ location: '' }, 'Kitchen'), 'now in no room');
  assert.equal(roomNote({ location: '' }, ''), '');
});
