/** The CSV export of what the explorer shows, made in the browser. */
import type { BandSeries } from './band.js';
import { roomAt } from './rooms.js';

/** `room` last, so the columns before it stay where they were. */
export const CSV_HEADER = 'time,device,sensor,quantity,unit,mean,min,max,room';

/**
 * Every point of the series within [from, to], in time order, times ISO-8601 UTC, each with the room
 * in effect then (see {@link roomAt}; `room`: the explorer's room filter, if one is set).
 */
export function buildCsv(series: BandSeries[], from: number, to: number, room = ''): string {
  const rows: { time: number; order: number; line: string }[] = [];
  series.forEach((s, order) => {
    const text = [s.key.deviceId, s.key.sensor, s.key.quantity, s.unit].map(textField).join(',');
    for (let i = 0; i < s.times.length; i++) {
      const time = s.times[i];
      if (time < from || time > to) {
        continue;
      }
      const line = [
        new Date(time).toISOString(),
        text,
        number(s.mean[i]),
        number(s.min[i]),
        number(s.max[i]),
        textField(roomAt(s.rooms, time, s.windowMs, room)),
      ].join(',');
      rows.push({ time, order, line });
    }
  });
  rows.sort((a, b) => a.time - b.time || a.order - b.order);
  return [CSV_HEADER, ...rows.map((row) => row.line)].join('\r\n') + '\r\n';
}

/** `connected-home-<from>-<to>.csv` with compact UTC times (no colons, which some systems refuse in names). */
export function csvFileName(from: number, to: number): string {
  const compact = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
  return `connected-home-${compact(from)}-${compact(to)}.csv`;
}

function number(value: number): string {
  return Number.isFinite(value) ? String(value) : '';
}

/** Quoted when needed; a leading = + - @ is defused so a spreadsheet does not run it as a formula. */
function textField(value: string): string {
  let text = value;
  if (/^[=+\-@\t\r]/.test(text)) {
    text = "'" + text;
  }
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
