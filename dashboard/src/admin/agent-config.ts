import type { DeviceCredentials } from './types.js';

/**
 * What a provisioned device needs to publish: broker, login, topics and payload, as a shell
 * snippet that sends a first reading with mosquitto_pub. Any MQTT client (a script, ESPHome,
 * Tasmota) takes the same settings.
 */
export function agentConfig(credentials: DeviceCredentials, brokerUrl: string): string {
  const deviceId = credentials.device?.deviceId ?? credentials.mqttUsername.replace(/^device-/, '');
  const prefix = credentials.topicPrefix || `connected-home/v1/devices/${deviceId}/`;
  const { host, port, tls } = brokerHostAndPort(brokerUrl);
  const reading = JSON.stringify({ readings: [{ sensor: 'probe', quantity: 'temperature', value: 21.5, unit: '°C' }] });
  return [
    `# Device ${deviceId}: readings as JSON (QoS 1) on ${prefix}readings,`,
    `# online/offline (retained) on ${prefix}status.`,
    `CH_MQTT_HOST=${shellString(host)}`,
    `CH_MQTT_PORT=${shellString(port)}`,
    `CH_MQTT_USERNAME=${shellString(credentials.mqttUsername)}`,
    `CH_MQTT_PASSWORD=${shellString(credentials.mqttPassword)}`,
    '# A first reading (without "ts" it takes the time it arrives):',
    `mosquitto_pub -h "$CH_MQTT_HOST" -p "$CH_MQTT_PORT"${tls ? ' --capath /etc/ssl/certs' : ''} -u "$CH_MQTT_USERNAME" -P "$CH_MQTT_PASSWORD" -q 1 \\`,
    `  -t ${shellString(`${prefix}readings`)} \\`,
    `  -m ${shellString(reading)}`,
    '',
  ].join('\n');
}

/** The broker as seen from where the web app is served, on the MQTT port the installation uses. */
export function defaultBrokerUrl(hostname: string, port = 1883): string {
  const host = hostname.includes(':') ? `[${hostname}]` : hostname;
  return `tcp://${host}:${port}`;
}

/**
 * Host, port and TLS of {@code tcp://host:port} (IPv6 in brackets): {@code ssl://} and
 * {@code mqtts://} are TLS, on 8883 unless given; anything else plain, on 1883 unless given.
 */
export function brokerHostAndPort(brokerUrl: string): { host: string; port: string; tls: boolean } {
  const match = /^(?:([a-z]+):\/\/)?(\[[^\]]*\]|[^:/]*)(?::(\d+))?/i.exec(brokerUrl.trim());
  const tls = /^(ssl|mqtts|tls)$/i.test(match?.[1] ?? '');
  const host = (match?.[2] ?? '').replace(/^\[(.*)\]$/, '$1');
  return { host, port: match?.[3] ?? (tls ? '8883' : '1883'), tls };
}

function shellString(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
