import { formatDateTime, formatTime } from '../format.js';
import type { LiveState } from '../live.js';
import type { DeviceStatus, DeviceStatusChange, Sensor } from '../model.js';

/**
 * The devices whose status says offline, each with the time query-service saw it (ms; NaN when it
 * did not say). A device never heard from, or whose status was cleared, is not called offline:
 * its status is unknown.
 */
export type OfflineDevices = ReadonlyMap<string, number>;

/** The offline devices the catalogue names (Sensor.deviceStatus, one device per several sensors). */
export function offlineFromCatalogue(sensors: readonly Sensor[]): OfflineDevices {
  const offline = new Map<string, number>();
  for (const sensor of sensors) {
    if (sensor.deviceStatus === 'DEVICE_STATUS_OFFLINE') {
      offline.set(sensor.key.deviceId, timeOf(sensor.statusSince));
    }
  }
  return offline;
}

/**
 * The offline devices after one message of the status stream; the same map when it changes
 * nothing shown, so the page renders only for a real change.
 */
export function applyStatusChange(offline: OfflineDevices, change: DeviceStatusChange): OfflineDevices {
  const status: DeviceStatus | undefined = change.status;
  if (status === 'DEVICE_STATUS_OFFLINE') {
    const since = timeOf(change.since);
    if (offline.has(change.deviceId) && Object.is(offline.get(change.deviceId), since)) {
      return offline;
    }
    return new Map(offline).set(change.deviceId, since);
  }
  if (!offline.has(change.deviceId)) {
    return offline;
  }
  const next = new Map(offline);
  next.delete(change.deviceId);
  return next;
}

/** When a device went offline, for its label: the time today, date and time before; '' when not known. */
export function offlineSinceText(since: number, now: number, locale?: string): string {
  if (!Number.isFinite(since)) {
    return '';
  }
  return sameDay(since, now) ? formatTime(since, locale) : formatDateTime(since, locale);
}

/** One indicator for the page's two streams: the worse of the two. */
export function combinedLiveState(readings: LiveState, statuses: LiveState): LiveState {
  const rank: Record<LiveState, number> = { live: 0, connecting: 1, offline: 2 };
  return rank[readings] >= rank[statuses] ? readings : statuses;
}

function timeOf(text: string | undefined): number {
  return text ? Date.parse(text) : NaN;
}

function sameDay(a: number, b: number): boolean {
  return new Date(a).toDateString() === new Date(b).toDateString();
}
