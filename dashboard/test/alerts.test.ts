import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backtest, selectorMatches } from '../src/alerts/backtest.js';
import { channelToForm, emptyChannelForm, formToChannel } from '../src/alerts/channel-form.js';
import { humanDuration, parseDuration } from '../src/alerts/durations.js';
import { emptyRuleForm, fieldOfServerError, formToRule, ruleToForm, silenceUntil, sortAlerts } from '../src/alerts/rule-form.js';
import type { Alert, Rule } from '../src/alerts/types.js';

test('durations are typed as 5m or 1h30m and sent as seconds', () => {
  assert.equal(parseDuration('5m'), 300);
  assert.equal(parseDuration('1h 30m'), 5400);
  assert.equal(parseDuration('2d'), 172_800);
  assert.equal(parseDuration('45'), 45);
  assert.equal(parseDuration(''), 0);
  assert.equal(parseDuration('five minutes'), null);
  assert.equal(humanDuration('5400s'), '1h30m');
  assert.equal(humanDuration('300s'), '5m');
  assert.equal(humanDuration('0s'), '');
  assert.equal(humanDuration(undefined), '');
});

test('a threshold rule survives the round trip through the form', () => {
  const rule: Rule = {
    id: 'r1',
    name: 'Freezer too warm',
    enabled: true,
    selector: { deviceId: 'freezer', quantity: 'temperature' },
    threshold: { comparison: 'COMPARISON_ABOVE', value: -15, forDuration: '300s', hysteresis: 1, keepFiringFor: '120s' },
    severity: 'SEVERITY_CRITICAL',
    channelIds: ['c1'],
    repeatInterval: '3600s',
    notifyResolved: false,
    template: { title: '{{rule}}', body: 'b' },
    actions: [{ topic: 'cmnd/plug/POWER', firingPayload: 'ON', resolvedPayload: 'OFF', qos: 1, retain: false }],
  };
  const { rule: back, errors } = formToRule(ruleToForm(rule), 'r1');
  assert.deepEqual(errors, {});
  assert.deepEqual(back, rule);
});

test('numbers and durations that are not are refused with a hint, and nothing is sent', () => {
  const form = { ...emptyRuleForm(), name: 'x', value: 'warm', forDuration: 'soon' };
  const { rule, errors } = formToRule(form);
  assert.equal(rule, null);
  assert.match(errors.value!, /number/);
  assert.match(errors.forDuration!, /duration/);
});

test('a no-data rule needs a selector field and a duration above zero', () => {
  const { errors } = formToRule({ ...emptyRuleForm(), name: 'quiet', kind: 'noData', after: '' });
  assert.ok(errors.selector);
  assert.ok(errors.after);
  const ok = formToRule({ ...emptyRuleForm(), name: 'quiet', kind: 'noData', after: '15m', deviceId: 'd1' });
  assert.deepEqual(ok.rule?.noData, { after: '900s', ignoreDeviceStatus: false });
  assert.equal(ok.rule?.threshold, undefined);
});

test('the server names the field its message is about', () => {
  assert.equal(fieldOfServerError('threshold.value must be a finite number'), 'value');
  assert.equal(fieldOfServerError('channel_ids: no channel 7f'), 'channelIds');
  assert.equal(fieldOfServerError('actions[0].topic: cmnd/# is a wildcard'), 'actions.0.topic');
  assert.equal(fieldOfServerError('template.title is not a valid template: x'), 'title');
  assert.equal(fieldOfServerError('selector.device_id is too long'), 'selector');
  assert.equal(fieldOfServerError('At most 1000 rules'), null);
});

test('firing alerts come first, then pending, most severe first', () => {
  const alert = (id: string, state: Alert['state'], severity: Alert['severity']): Alert => ({ id, ruleId: 'r', ruleName: 'r', state, severity });
  const sorted = sortAlerts([
    alert('ok', 'ALERT_STATE_OK', 'SEVERITY_CRITICAL'),
    alert('pending', 'ALERT_STATE_PENDING', 'SEVERITY_CRITICAL'),
    alert('warn', 'ALERT_STATE_FIRING', 'SEVERITY_WARNING'),
    alert('crit', 'ALERT_STATE_FIRING', 'SEVERITY_CRITICAL'),
  ]);
  assert.deepEqual(sorted.map((a) => a.id), ['crit', 'warn', 'pending', 'ok']);
});

test('a silence lasts the chosen hours from now', () => {
  assert.equal(silenceUntil(8, Date.UTC(2026, 0, 1)), '2026-01-01T08:00:00.000Z');
});

const minute = 60_000;
const series = (values: number[]) => values.map((value, i) => ({ time: i * minute, value }));

test('the backtest counts firings only after the value stayed beyond for the "for" duration', () => {
  const condition = { kind: 'threshold' as const, above: true, value: 30, hysteresis: 1, forMillis: 2 * minute, keepFiringMillis: 0 };
  // A 1-minute spike does not fire; a 3-minute excursion does, once; 29.5 is within the hysteresis.
  const result = backtest(series([20, 31, 20, 31, 32, 33, 29.5, 31, 28, 20]), condition, 10 * minute);
  assert.equal(result.firings, 1);
  assert.equal(result.firingMillis, 3 * minute);
  assert.equal(backtest(series([31, 31, 31]), { ...condition, above: false }, 3 * minute).firings, 0);
});

test('keep firing for rides out a brief dip', () => {
  const condition = { kind: 'threshold' as const, above: true, value: 30, hysteresis: 0, forMillis: 0, keepFiringMillis: 2 * minute };
  assert.equal(backtest(series([31, 20, 31, 20, 20, 20, 31]), condition, 7 * minute).firings, 2);
  assert.equal(backtest(series([31, 20, 31]), { ...condition, keepFiringMillis: 0 }, 3 * minute).firings, 2);
});

test('rate of change and no data are replayed too', () => {
  const rate = backtest(series([20, 20, 25, 25, 25, 25]), { kind: 'rateOfChange', maxChange: 3, perMillis: 2 * minute }, 6 * minute);
  assert.equal(rate.firings, 1);
  const gaps = [{ time: 0, value: 1 }, { time: minute, value: 1 }, { time: 30 * minute, value: 1 }];
  assert.equal(backtest(gaps, { kind: 'noData', afterMillis: 15 * minute }, 31 * minute).firings, 1);
  assert.equal(backtest(gaps, { kind: 'noData', afterMillis: 15 * minute }, 50 * minute).firings, 2);
});

test('a selector matches catalogue sensors by each field it sets', () => {
  const sensor = { key: { deviceId: 'd1', sensor: 's', quantity: 'temperature' }, location: 'kitchen' };
  assert.ok(selectorMatches({}, sensor));
  assert.ok(selectorMatches({ quantity: 'temperature', location: 'kitchen' }, sensor));
  assert.ok(!selectorMatches({ deviceId: 'd2' }, sensor));
});

test('a channel form sends its kind, list fields split and quiet hours only when complete', () => {
  const form = { ...emptyChannelForm('Europe/Zurich'), name: 'mail', kind: 'email' as const, fields: { to: 'a@x.ch\nb@x.ch, c@x.ch' } };
  assert.deepEqual(formToChannel(form).channel, { name: 'mail', email: { to: ['a@x.ch', 'b@x.ch', 'c@x.ch'] } });
  assert.ok(formToChannel({ ...form, quietStart: '22:00' }).errors.quietHours);
  const quiet = formToChannel({ ...form, quietStart: '22:00', quietEnd: '07:00' }).channel!;
  assert.deepEqual(quiet.quietHours, { start: '22:00', end: '07:00', timeZone: 'Europe/Zurich', criticalBreaksThrough: true });
  const back = channelToForm({ id: 'c', name: 'phone', ntfy: { serverUrl: 'http://n', topic: 'home' }, secretsSet: ['token'] });
  assert.equal(back.kind, 'ntfy');
  assert.deepEqual(back.fields, { serverUrl: 'http://n', topic: 'home', token: '' });
});
