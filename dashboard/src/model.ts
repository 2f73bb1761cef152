/** The query contract's messages as the gateway answers them in proto JSON. */

export interface SensorKey {
  deviceId: string;
  sensor: string;
  quantity: string;
}

export interface Sensor {
  key: SensorKey;
  location: string;
  unit: string;
  sourceFormat: string;
  lastValue: number;
  lastSeen?: string;
  /** The room the device is in now (or the payload's location when none is set). */
  room?: string;
  /** The device's display name (or its id when none). */
  deviceName?: string;
  /** The device's retained online/offline status as query-service knows it. */
  deviceStatus?: DeviceStatus;
  /** When query-service saw that status; absent when unknown. */
  statusSince?: string;
}

/** query.proto's DeviceStatus, by name as proto JSON gives enums; unspecified: never heard from. */
export type DeviceStatus = 'DEVICE_STATUS_UNSPECIFIED' | 'DEVICE_STATUS_ONLINE' | 'DEVICE_STATUS_OFFLINE';

/** One message of StreamDeviceStatuses: the statuses known when it opens, then each change. */
export interface DeviceStatusChange {
  deviceId: string;
  status: DeviceStatus;
  since?: string;
}

export interface Reading {
  key: SensorKey;
  location: string;
  unit: string;
  value: number;
  time: string;
  room?: string;
  deviceName?: string;
}

export interface ReadingFilter {
  quantity?: string;
  location?: string;
  deviceId?: string;
  text?: string;
  room?: string;
}

export interface Point {
  time: string;
  value: number;
  min?: number;
  max?: number;
}

/** A stretch of time a sensor spent in one room; no room set: the payload's location then. */
export interface RoomPeriod {
  room?: string;
  start: string;
  /** Absent while still there. */
  end?: string;
}

export interface Series {
  key: SensorKey;
  unit: string;
  aggregate: string;
  window?: string;
  points: Point[];
  /** The room now. */
  room?: string;
  deviceName?: string;
  /** The rooms over the requested range, oldest first. */
  rooms?: RoomPeriod[];
}

/** One string per sensor, for maps, URLs and DOM ids. */
export function sensorId(key: SensorKey): string {
  return `${key.deviceId}/${key.sensor}/${key.quantity}`;
}

export function parseSensorId(id: string): SensorKey | null {
  const parts = id.split('/');
  if (parts.length !== 3 || parts.some((part) => part === '')) {
    return null;
  }
  return { deviceId: parts[0], sensor: parts[1], quantity: parts[2] };
}
