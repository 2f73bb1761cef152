import type { Device } from './types.js';

/** auth.proto's DevicePlace: a device's display name and room, provisioned here or not. */
export interface DevicePlace {
  deviceId: string;
  displayName?: string;
  room?: string;
  since?: string;
}

/** The name and room to show and edit for a device: its place when set, else what it was provisioned with. */
export function placeOf(device: Device, places: DevicePlace[]): { displayName: string; room: string } {
  const place = places.find((p) => p.deviceId === device.deviceId);
  return place
    ? { displayName: place.displayName ?? '', room: place.room ?? '' }
    : { displayName: device.displayName ?? '', room: device.location ?? '' };
}

/** Devices with a place but not provisioned here (third-party ones publishing under their own id). */
export function unprovisionedPlaces(devices: Device[], places: DevicePlace[]): DevicePlace[] {
  const known = new Set(devices.map((d) => d.deviceId));
  return places.filter((p) => !known.has(p.deviceId)).sort((a, b) => a.deviceId.localeCompare(b.deviceId));
}
