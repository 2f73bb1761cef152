import assert from 'node:assert/strict';
import { test } from 'node:test';
import { agentConfig, brokerHostAndPort, defaultBrokerUrl } from '../src/admin/agent-config.js';
import { inviteLink } from '../src/admin/invites.js';
import { PageTrail, queryOf } from '../src/admin/paging.js';
import { placeOf, unprovisionedPlaces } from '../src/admin/places.js';
import { matrixOf, permissionChanges, toggled } from '../src/admin/permissions.js';
import { deviceIdHint, passwordHint, usernameHint } from '../src/admin/validation.js';

test('the permission matrix saves only the groups that changed, each with all its permissions', () => {
  const saved = matrixOf([
    { name: 'admins', permissions: ['users:manage', 'alerts:read'] },
    { name: 'guests', permissions: ['readings:read'] },
  ]);
  let edited = toggled(saved, 'guests', 'alerts:read', true);
  assert.deepEqual(permissionChanges(saved, edited), [{ name: 'guests', permissions: ['alerts:read', 'readings:read'] }]);
  assert.deepEqual([...saved.get('guests')!], ['readings:read'], 'the saved matrix is untouched');
  edited = toggled(edited, 'guests', 'alerts:read', false);
  assert.deepEqual(permissionChanges(saved, edited), []);
});

test('an invite link points at the register page with the code escaped', () => {
  assert.equal(inviteLink('https://home.example/', 'a b+c'), 'https://home.example/register?code=a%20b%2Bc');
});

test('the device snippet carries the broker, the credentials and the topic, quoted for the shell', () => {
  const text = agentConfig(
    { device: { deviceId: 'kitchen' }, mqttUsername: 'device-kitchen', mqttPassword: "p'w:#", topicPrefix: 'connected-home/v1/devices/kitchen/' },
    defaultBrokerUrl('home.lan', 1883),
  );
  assert.match(text, /^CH_MQTT_HOST='home\.lan'$/m);
  assert.match(text, /^CH_MQTT_PORT='1883'$/m);
  assert.match(text, /^CH_MQTT_USERNAME='device-kitchen'$/m);
  assert.match(text, /^CH_MQTT_PASSWORD='p'\\''w:#'$/m, 'a quote in the password survives the shell');
  assert.match(text, /-t 'connected-home\/v1\/devices\/kitchen\/readings'/);
  const payload = /-m '(.*)'$/m.exec(text)?.[1] ?? '';
  assert.equal(JSON.parse(payload).readings[0].quantity, 'temperature');
  assert.doesNotMatch(text, /--capath/, 'plain MQTT needs no certificates');
  assert.deepEqual(brokerHostAndPort('tcp://[::1]:11883'), { host: '::1', port: '11883', tls: false });
  assert.deepEqual(brokerHostAndPort('home.lan'), { host: 'home.lan', port: '1883', tls: false });
  assert.deepEqual(brokerHostAndPort('ssl://home.lan'), { host: 'home.lan', port: '8883', tls: true });
  const overTls = agentConfig({ mqttUsername: 'device-k', mqttPassword: 'p', topicPrefix: 'connected-home/v1/devices/k/' }, 'mqtts://home.lan:8884');
  assert.match(overTls, /^CH_MQTT_PORT='8884'$/m);
  assert.match(overTls, /--capath \/etc\/ssl\/certs/, 'TLS is kept, not dropped');
  assert.equal(defaultBrokerUrl('::1', 11883), 'tcp://[::1]:11883');
});

test('hints follow auth.proto rules', () => {
  assert.equal(usernameHint('anna'), null);
  assert.ok(usernameHint('An'));
  assert.ok(usernameHint('-anna'));
  assert.equal(passwordHint('0123456789'), null);
  assert.ok(passwordHint('short'));
  assert.ok(passwordHint('ä'.repeat(40)));
  assert.equal(deviceIdHint('kitchen-1'), null);
  assert.ok(deviceIdHint('Kitchen'));
});

test('the page trail goes forward and back through page tokens', () => {
  const trail = new PageTrail();
  assert.equal(trail.current, '');
  trail.loaded('t2');
  assert.ok(trail.hasNext);
  assert.equal(trail.forward(), 't2');
  trail.loaded('');
  assert.ok(!trail.hasNext);
  assert.ok(trail.hasPrevious);
  assert.equal(trail.back(), '');
  assert.equal(trail.pageNumber, 1);
  assert.equal(queryOf({ pageSize: 50, pageToken: '', includeOk: false, ruleId: 'r' }), '?pageSize=50&ruleId=r');
});

test('a device shows its place when one is set, else its provisioned name and location', () => {
  const devices = [{ deviceId: 'fridge', displayName: 'Fridge', location: 'kitchen' }, { deviceId: 'hall' }];
  const places = [{ deviceId: 'fridge', displayName: 'Big fridge', room: 'Pantry' }, { deviceId: 'tasmota-1', room: 'Garage' }];
  assert.deepEqual(placeOf(devices[0], places), { displayName: 'Big fridge', room: 'Pantry' });
  assert.deepEqual(placeOf(devices[1], places), { displayName: '', room: '' });
  assert.deepEqual(placeOf(devices[0], []), { displayName: 'Fridge', room: 'kitchen' });
  assert.deepEqual(unprovisionedPlaces(devices, places).map((p) => p.deviceId), ['tasmota-1']);
});
