import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backtestRequest, backtestSummary, episodeRows, truncationNote } from '../src/alerts/backtest.js';
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

test('a backtest asks for the rule as the form would save it, over the span in seconds', () => {
  const { rule } = formToRule({ ...emptyRuleForm(), name: 'warm', value: '30', forDuration: '5m', deviceId: 'd1' });
  assert.deepEqual(backtestRequest(rule!, 7 * 86_400), { rule, span: '604800s' });
});

test('a backtest says how often it would have fired, on how many series, from how many readings', () => {
  assert.equal(
    backtestSummary({ firings: 3, series: 2, readings: 12345 }, 'en-GB'),
    'Would have fired 3 times on 2 series (12,345 readings).',
  );
  // Proto JSON leaves zeros out.
  assert.equal(backtestSummary({ series: 1, readings: 1 }, 'en-GB'), 'Would have fired 0 times on 1 series (1 reading).');
  assert.equal(backtestSummary({ firings: 1, series: 1, readings: 2 }, 'en-GB'), 'Would have fired 1 time on 1 series (2 readings).');
  assert.equal(backtestSummary({}), 'No stored reading in this span matches the selector.');
});

test('episodes become rows to the second, with how long they lasted and those still firing at the end', () => {
  const rows = episodeRows(
    {
      firings: 2,
      series: 1,
      end: '2026-12-02T12:00:00Z',
      episodes: [
        { deviceId: 'freezer', sensor: 'probe', quantity: 'temperature', location: 'kitchen', unit: '°C', firedAt: '2026-12-02T11:30:00Z', value: -12.5, reason: 'above -15 for 5m' },
        { deviceId: 'freezer', sensor: 'probe', quantity: 'temperature', firedAt: '2026-12-02T08:00:05Z', resolvedAt: '2026-12-02T09:30:15Z', value: -14 },
        { deviceId: 'door', sensor: 'reed', quantity: 'contact', firedAt: '2026-12-02T07:00:00.200Z', resolvedAt: '2026-12-02T07:00:00.400Z', value: 'NaN', reason: 'no data for 10m' },
      ],
    },
    { locale: 'en-GB', timeZone: 'UTC' },
  );
  assert.deepEqual(rows[0], {
    series: 'freezer / probe / temperature · kitchen',
    firedAt: '2 Dec, 11:30:00',
    resolvedAt: 'still firing',
    lasted: 'at least 30m',
    value: '-12.5 °C',
    reason: 'above -15 for 5m',
  });
  assert.equal(rows[1].firedAt, '2 Dec, 08:00:05');
  assert.equal(rows[1].resolvedAt, '2 Dec, 09:30:15');
  assert.equal(rows[1].lasted, '1h30m10s');
  assert.equal(rows[2].lasted, 'under a second');
  assert.equal(rows[2].value, '–');
});

test('a truncated backtest says how many episodes it left out', () => {
  const episodes = Array.from({ length: 100 }, () => ({ firedAt: '2026-12-02T11:30:00Z' }));
  assert.equal(truncationNote({ firings: 250, episodes, truncated: true }), 'The newest 100 of 250 episodes are listed.');
  assert.equal(truncationNote({ firings: 2, episodes: episodes.slice(0, 2) }), null);
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
