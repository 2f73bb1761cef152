import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api } from '../api.js';
import { formatDateTime, formatRelative } from '../format.js';
import { AppElement, errorBox, loading, messageOf } from '../ui.js';
import { agentConfig, defaultBrokerUrl } from './agent-config.js';
import './copy.js';
import { done, failed, noticeView, type Notice } from './notice.js';
import { placeOf, unprovisionedPlaces, type DevicePlace } from './places.js';
import type { Device, DeviceCredentials } from './types.js';
import { deviceIdHint } from './validation.js';

/** Devices: online state, provisioning with credentials shown once, rotate, disable, delete. */
@customElement('ch-admin-devices')
export class DevicesView extends AppElement {
  @state() private devices: Device[] | null = null;
  @state() private error: unknown = null;
  @state() private notice: Notice = null;
  @state() private credentials: DeviceCredentials | null = null;
  @state() private credentialsWhy = '';
  @state() private brokerUrl = defaultBrokerUrl(location.hostname);
  @state() private idHint: string | null = null;
  @state() private places: DevicePlace[] = [];
  /** Why names and rooms cannot be edited (the places API answered an error), or null. */
  @state() private placesError: string | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    const [devices, places] = await Promise.allSettled([
      api.request<{ devices?: Device[] }>('GET', '/api/v1/devices'),
      api.request<{ places?: DevicePlace[] }>('GET', '/api/v1/device-places'),
    ]);
    if (devices.status === 'fulfilled') {
      this.devices = devices.value.devices ?? [];
      this.error = null;
    } else {
      this.error = devices.reason;
      this.devices ??= [];
    }
    if (places.status === 'fulfilled') {
      this.places = places.value.places ?? [];
      this.placesError = null;
    } else {
      this.placesError = messageOf(places.reason);
    }
  }

  private async setPlace(event: Event, deviceId?: string): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const id = deviceId ?? String(data.get('placeDeviceId') ?? '').trim();
    if (id === '') {
      this.notice = failed('Enter the device id.');
      return;
    }
    try {
      const place = await api.request<DevicePlace>('PUT', `/api/v1/device-places/${encodeURIComponent(id)}`, {
        displayName: String(data.get('placeName') ?? '').trim(),
        room: String(data.get('placeRoom') ?? '').trim(),
      });
      await this.load();
      this.notice = done(`${id} is now “${place.displayName || id}”${place.room ? ` in ${place.room}` : ', in no room'}.`);
      if (deviceId === undefined) {
        form.reset();
      }
    } catch (error) {
      this.notice = failed(error);
    }
  }

  private async provision(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const deviceId = String(data.get('deviceId') ?? '').trim();
    this.idHint = deviceIdHint(deviceId);
    if (this.idHint !== null) {
      this.notice = failed('Check the device id.');
      return;
    }
    try {
      this.credentials = await api.request<DeviceCredentials>('POST', '/api/v1/devices', {
        deviceId,
        displayName: String(data.get('displayName') ?? '').trim(),
        location: String(data.get('location') ?? '').trim(),
      });
      this.credentialsWhy = `Device ${deviceId} provisioned.`;
      this.notice = done(`Provisioned ${deviceId}.`);
      form.reset();
      await this.load();
    } catch (error) {
      this.notice = failed(error);
    }
  }

  private async rotate(device: Device): Promise<void> {
    if (!confirm(`Give ${device.deviceId} a new password? The old one stops working and its connection is closed.`)) {
      return;
    }
    try {
      this.credentials = await api.request<DeviceCredentials>('POST', `/api/v1/devices/${encodeURIComponent(device.deviceId)}:rotatePassword`);
      this.credentialsWhy = `New password for ${device.deviceId}.`;
      this.notice = done(`Password of ${device.deviceId} rotated.`);
    } catch (error) {
      this.notice = failed(error);
    }
  }

  private async disable(device: Device): Promise<void> {
    if (!confirm(`Disable ${device.deviceId}? Its broker session ends now.`)) {
      return;
    }
    try {
      await api.request<Device>('POST', `/api/v1/devices/${encodeURIComponent(device.deviceId)}:disable`);
      await this.load();
      this.notice = done(`${device.deviceId} disabled.`);
    } catch (error) {
      this.notice = failed(error);
    }
  }

  private async deleteDevice(device: Device): Promise<void> {
    if (!confirm(`Delete ${device.deviceId} and its broker credentials? Stored readings stay.`)) {
      return;
    }
    try {
      await api.request('DELETE', `/api/v1/devices/${encodeURIComponent(device.deviceId)}`);
      this.notice = done(`${device.deviceId} deleted.`);
      if (this.credentials?.device?.deviceId === device.deviceId) {
        this.credentials = null;
      }
      await this.load();
    } catch (error) {
      this.notice = failed(error);
    }
  }

  override render() {
    return html`<h2>Devices</h2>
      ${noticeView(this.notice)} ${this.credentialsView()}
      <form class="card stack provision" @submit=${this.provision} novalidate>
        <h3>Provision a device</h3>
        <div class="row">
          <label>Device id <input name="deviceId" required autocomplete="off" placeholder="kitchen-1" aria-describedby="hint-deviceId" />
            ${this.idHint ? html`<span class="field-error" id="hint-deviceId">${this.idHint}</span>` : nothing}</label>
          <label>Display name <input name="displayName" autocomplete="off" /></label>
          <label>Location <input name="location" autocomplete="off" placeholder="kitchen" /></label>
        </div>
        <div><button class="primary" type="submit">Provision</button></div>
      </form>
      ${errorBox(this.error)}
      ${this.devices === null
        ? loading('Loading devices…')
        : this.devices.length === 0
          ? html`<p class="empty card">No devices provisioned yet.</p>`
          : html`<div class="table-scroll">
              <table class="devices">
                <caption class="visually-hidden">Devices</caption>
                <thead><tr><th>Device</th><th>Room</th><th>Status</th><th>Last seen</th><th>Actions</th></tr></thead>
                <tbody>
                  ${this.devices.map((device) => this.row(device))}
                </tbody>
              </table>
            </div>`}
      ${this.placesView()}`;
  }

  private row(device: Device) {
    const place = placeOf(device, this.places);
    return html`<tr data-device=${device.deviceId}>
      <td>${place.displayName || device.deviceId}<br /><span class="muted">${device.deviceId}</span></td>
      <td>${place.room || '–'}</td>
      <td>
        ${device.enabled === false
          ? html`<strong>disabled</strong>`
          : device.online
            ? html`<span class="online">● online</span>`
            : device.lastSeen
              ? html`<span class="offline-text">○ offline</span>`
              : html`<span class="muted">no status yet</span>`}
      </td>
      <td>${device.lastSeen ? html`<time datetime=${device.lastSeen} title=${formatDateTime(device.lastSeen)}>${formatRelative(device.lastSeen)}</time>` : 'never'}</td>
      <td class="actions">
        ${this.placeEditor(device.deviceId, place)}
        <button @click=${() => this.rotate(device)} aria-label="Rotate password of ${device.deviceId}">Rotate password</button>
        ${device.enabled === false ? nothing : html`<button @click=${() => this.disable(device)} aria-label="Disable ${device.deviceId}">Disable</button>`}
        <button class="danger" @click=${() => this.deleteDevice(device)} aria-label="Delete ${device.deviceId}">Delete</button>
      </td>
    </tr>`;
  }

  private placeEditor(deviceId: string, place: { displayName: string; room: string }) {
    if (this.placesError !== null) {
      return nothing;
    }
    return html`<details class="place-editor">
      <summary>Name and room</summary>
      <form class="stack" @submit=${(e: Event) => this.setPlace(e, deviceId)}>
        <label>Name <input name="placeName" .value=${place.displayName} placeholder=${deviceId} maxlength="64" /></label>
        <label>Room <input name="placeRoom" .value=${place.room} placeholder="none" maxlength="64" /></label>
        <div><button type="submit">Save name and room of ${deviceId}</button></div>
      </form>
    </details>`;
  }

  private placesView() {
    if (this.placesError !== null) {
      return html`<p class="muted">Names and rooms cannot be edited here now: ${this.placesError}</p>`;
    }
    const others = unprovisionedPlaces(this.devices ?? [], this.places);
    return html`<section class="card stack places" aria-labelledby="places-title">
      <h3 id="places-title">Devices not provisioned here</h3>
      <p class="muted">A device that publishes under its own broker login (e.g. a Tasmota plug) gets its name and room here.</p>
      ${others.length === 0
        ? html`<p class="muted">None has a name or room yet.</p>`
        : html`<ul>${others.map((p) => html`<li>${p.deviceId}: ${p.displayName || p.deviceId}${p.room ? ` · ${p.room}` : ''}</li>`)}</ul>`}
      <form class="row set-place" @submit=${(e: Event) => this.setPlace(e)}>
        <label>Device id <input name="placeDeviceId" autocomplete="off" required /></label>
        <label>Name <input name="placeName" autocomplete="off" maxlength="64" /></label>
        <label>Room <input name="placeRoom" autocomplete="off" maxlength="64" /></label>
        <button type="submit">Set name and room</button>
      </form>
    </section>`;
  }

  private credentialsView() {
    const c = this.credentials;
    if (c === null) {
      return nothing;
    }
    const config = agentConfig(c, this.brokerUrl);
    return html`<section class="card stack credentials" aria-labelledby="credentials-title">
      <h3 id="credentials-title">${this.credentialsWhy} Its MQTT credentials</h3>
      <p><strong>Shown this once:</strong> the password is not stored in clear and cannot be shown again.</p>
      <dl>
        <dt>Username</dt><dd data-field="username">${c.mqttUsername}</dd>
        <dt>Password</dt><dd data-field="password">${c.mqttPassword}</dd>
        <dt>Topics</dt><dd data-field="topicPrefix">${c.topicPrefix ?? ''}</dd>
      </dl>
      <label>Broker URL as the device reaches it
        <input name="brokerUrl" .value=${this.brokerUrl} @input=${(e: Event) => (this.brokerUrl = (e.target as HTMLInputElement).value)} />
      </label>
      <p>Settings and a first reading with <code>mosquitto_pub</code>, for any MQTT client:</p>
      <pre class="agent-config">${config}</pre>
      <div class="row">
        <ch-copy-button .text=${config} label="Copy configuration" target="pre.agent-config"></ch-copy-button>
        <button type="button" @click=${() => (this.credentials = null)}>I have saved them — hide</button>
      </div>
    </section>`;
  }
}
