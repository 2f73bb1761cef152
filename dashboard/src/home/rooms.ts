import type { Sensor } from '../model.js';

/** The room of sensors that have neither a room nor a location; always listed last. */
export const NO_ROOM = 'No room';

export interface Room {
  name: string;
  sensors: Sensor[];
}

export function roomOf(sensor: { room?: string; location?: string }): string {
  const room = (sensor.room ?? '').trim() || (sensor.location ?? '').trim();
  return room === '' ? NO_ROOM : room;
}

export function deviceNameOf(sensor: { deviceName?: string; key: { deviceId: string } }): string {
  return (sensor.deviceName ?? '').trim() || sensor.key.deviceId;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Rooms by name ("No room" last), and in each the sensors by device name, sensor and quantity. */
export function groupByRoom(sensors: readonly Sensor[]): Room[] {
  const rooms = new Map<string, Sensor[]>();
  for (const sensor of sensors) {
    const name = roomOf(sensor);
    let list = rooms.get(name);
    if (list === undefined) {
      list = [];
      rooms.set(name, list);
    }
    list.push(sensor);
  }
  const bySensor = (a: Sensor, b: Sensor) =>
    collator.compare(deviceNameOf(a), deviceNameOf(b)) ||
    collator.compare(a.key.sensor, b.key.sensor) ||
    collator.compare(a.key.quantity, b.key.quantity);
  return [...rooms.entries()]
    .map(([name, list]) => ({ name, sensors: list.sort(bySensor) }))
    .sort((a, b) => (a.name === NO_ROOM ? 1 : b.name === NO_ROOM ? -1 : collator.compare(a.name, b.name)));
}

/** The quantities present, sorted, for the filter chips. */
export function quantitiesOf(sensors: readonly Sensor[]): string[] {
  return [...new Set(sensors.map((sensor) => sensor.key.quantity))].sort(collator.compare);
}

/** Case-insensitive substring of room, device name or id, sensor or quantity; and the chosen quantity, if any. */
export function matchesFilter(sensor: Sensor, text: string, quantity: string): boolean {
  if (quantity !== '' && sensor.key.quantity !== quantity) {
    return false;
  }
  const needle = text.trim().toLocaleLowerCase();
  if (needle === '') {
    return true;
  }
  return [roomOf(sensor), deviceNameOf(sensor), sensor.key.deviceId, sensor.key.sensor, sensor.key.quantity].some((field) =>
    field.toLocaleLowerCase().includes(needle),
  );
}

const KNOWN_LABELS: Record<string, string> = { co2: 'CO₂', voc: 'VOC', pm25: 'PM2.5', pm10: 'PM10', pm1: 'PM1' };

/** "relative_humidity" → "Relative humidity", "co2" → "CO₂". */
export function quantityLabel(quantity: string): string {
  const known = KNOWN_LABELS[quantity.toLowerCase()];
  if (known !== undefined) {
    return known;
  }
  const words = quantity.replace(/[_-]+/g, ' ').trim();
  return words === '' ? quantity : words.charAt(0).toLocaleUpperCase() + words.slice(1);
}

/**
 * The `limit` sensors seen most recently (a catalogue of thousands would not fit a page; the ones
 * left out are those that have been quiet longest), and how many are left out. Ties go by id, so
 * the choice is stable.
 */
export function mostRecent(sensors: readonly Sensor[], limit: number, lastSeenOf: (sensor: Sensor) => number): { shown: Sensor[]; hidden: number } {
  if (sensors.length <= limit) {
    return { shown: [...sensors], hidden: 0 };
  }
  const seen = (sensor: Sensor) => {
    const time = lastSeenOf(sensor);
    return Number.isFinite(time) ? time : -Infinity;
  };
  const id = (sensor: Sensor) => `${sensor.key.deviceId}/${sensor.key.sensor}/${sensor.key.quantity}`;
  const shown = [...sensors].sort((a, b) => seen(b) - seen(a) || (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0)).slice(0, limit);
  return { shown, hidden: sensors.length - shown.length };
}

/** `/explorer?sensors=<id>`, the id's slashes left readable (they need no escaping in a query). */
export function compareHref(id: string): string {
  return '/explorer?sensors=' + encodeURIComponent(id).replace(/%2F/gi, '/');
}
