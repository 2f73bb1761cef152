import { sensorId } from '../model.js';

/** The fields of alert.proto's Alert the home page uses. */
export interface Alert {
  id: string;
  ruleName: string;
  state: string;
  severity: string;
  deviceId: string;
  sensor: string;
  quantity: string;
  reason?: string;
}

export interface AlertBadge {
  severity: 'critical' | 'warning' | 'info';
  label: string;
  /** The firing rules, for the badge's title. */
  detail: string;
}

const RANK = { SEVERITY_CRITICAL: 3, SEVERITY_WARNING: 2, SEVERITY_INFO: 1 } as Record<string, number>;

/** Per series, the most severe firing alert (and every firing rule's name and reason). */
export function alertBadges(alerts: readonly Alert[]): Map<string, AlertBadge> {
  const worst = new Map<string, { rank: number; details: string[] }>();
  for (const alert of alerts) {
    if (alert.state !== 'ALERT_STATE_FIRING') {
      continue;
    }
    const id = sensorId({ deviceId: alert.deviceId, sensor: alert.sensor, quantity: alert.quantity });
    const entry = worst.get(id) ?? { rank: 0, details: [] };
    entry.rank = Math.max(entry.rank, RANK[alert.severity] ?? 1);
    entry.details.push(alert.reason ? `${alert.ruleName}: ${alert.reason}` : alert.ruleName);
    worst.set(id, entry);
  }
  const badges = new Map<string, AlertBadge>();
  for (const [id, { rank, details }] of worst) {
    const severity = rank === 3 ? 'critical' : rank === 2 ? 'warning' : 'info';
    badges.set(id, { severity, label: severity === 'critical' ? 'Critical' : severity === 'warning' ? 'Warning' : 'Info', detail: details.join('; ') });
  }
  return badges;
}
