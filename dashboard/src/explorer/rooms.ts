/** Which room a sensor was in when: the API's room periods, for the CSV and the sensor list. */
import type { RoomPeriod, Sensor } from '../model.js';

/** A room period in epoch milliseconds; `end` is Infinity while the sensor is still there. */
export interface RoomSpan {
  room: string;
  start: number;
  end: number;
}

export function toRoomSpans(periods: RoomPeriod[] | undefined): RoomSpan[] {
  const spans: RoomSpan[] = [];
  for (const period of periods ?? []) {
    const start = Date.parse(period.start);
    const end = period.end === undefined ? Infinity : Date.parse(period.end);
    if (Number.isFinite(start) && !Number.isNaN(end)) {
      spans.push({ room: period.room ?? '', start, end });
    }
  }
  return spans;
}

/**
 * The room of a point at `time` (a window's start, `windowMs` long; 0 for a raw reading): the room
 * then. A window the sensor spent in several rooms counts as in `preferred` (the room filter, whose
 * readings are all it holds) when that is one of them, and a window starting before the first
 * period (windows are aligned, the range is not) in the first room.
 */
export function roomAt(spans: RoomSpan[], time: number, windowMs: number, preferred = ''): string {
  const windowEnd = time + Math.max(windowMs, 1);
  let first: RoomSpan | undefined;
  let containing: RoomSpan | undefined;
  for (const span of spans) {
    if (span.start >= windowEnd || span.end <= time) {
      continue;
    }
    if (preferred !== '' && span.room === preferred) {
      return preferred;
    }
    first ??= span;
    if (containing === undefined && span.start <= time) {
      containing = span;
    }
  }
  return (containing ?? first)?.room ?? '';
}

/** What the sensor list says of a sensor's room: its room, or under a room filter it has left, where it is now. */
export function roomNote(sensor: Pick<Sensor, 'room' | 'location'>, filterRoom: string): string {
  const now = sensor.room || sensor.location;
  if (filterRoom !== '' && now !== filterRoom) {
    return now ? `now in ${now}` : 'now in no room';
  }
  return now;
}
