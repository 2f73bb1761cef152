import type { DeviceCredentials } from './types.js';

/**
 * sensor-agent's configuration for a provisioned device (ch.agent.mqtt in its application.yml):
 * the broker URL and the device's own credentials, used as the agent's login.
 */
export function agentConfig(credentials: DeviceCredentials, brokerUrl: string): string {
  const deviceId = credentials.device?.deviceId ?? credentials.mqttUsername.replace(/^device-/, '');
  return [
    `# sensor-agent for device ${deviceId}: publishes under ${credentials.topicPrefix || `connected-home/v1/devices/${deviceId}/`}`,
    'ch:',
    '  agent:',
    '    mqtt:',
    `      url: ${yamlString(brokerUrl)}`,
    `      username: ${yamlString(credentials.mqttUsername)}`,
    `      password: ${yamlString(credentials.mqttPassword)}`,
    '',
  ].join('\n');
}

/** The broker as seen from where the web app is served, on the MQTT port the installation uses. */
export function defaultBrokerUrl(hostname: string, port = 1883): string {
  const host = hostname.includes(':') ? `[${hostname}]` : hostname;
  return `tcp://${host}:${port}`;
}

function yamlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
