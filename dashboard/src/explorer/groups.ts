/** Which chart each series goes on: one per quantity and unit. */
import type { Sensor } from '../model.js';
import type { BandSeries } from './band.js';

export interface ChartGroup {
  key: string;
  quantity: string;
  unit: string;
  series: BandSeries[];
}

export function groupSeries(series: BandSeries[]): ChartGroup[] {
  const groups = new Map<string, ChartGroup>();
  for (const s of series) {
    const key = `${s.key.quantity}|${s.unit}`;
    let group = groups.get(key);
    if (group === undefined) {
      group = { key, quantity: s.key.quantity, unit: s.unit, series: [] };
      groups.set(key, group);
    }
    group.series.push(s);
  }
  return [...groups.values()];
}

/** "Kitchen sensor · temperature": the device's name (or id) and the sensor. */
export function sensorLabel(sensor: Pick<Sensor, 'key'> & Partial<Pick<Sensor, 'deviceName'>>): string {
  return `${sensor.deviceName || sensor.key.deviceId} · ${sensor.key.sensor}`;
}
