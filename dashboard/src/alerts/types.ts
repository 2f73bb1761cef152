/** alert.proto's messages as the gateway answers them in proto JSON (int64 as strings, enums by name). */

export type Severity = 'SEVERITY_UNSPECIFIED' | 'SEVERITY_INFO' | 'SEVERITY_WARNING' | 'SEVERITY_CRITICAL';
export type Comparison = 'COMPARISON_UNSPECIFIED' | 'COMPARISON_ABOVE' | 'COMPARISON_BELOW';
export type AlertState =
  | 'ALERT_STATE_UNSPECIFIED'
  | 'ALERT_STATE_FIRING'
  | 'ALERT_STATE_RESOLVED'
  | 'ALERT_STATE_OK'
  | 'ALERT_STATE_PENDING';

export interface SensorSelector {
  deviceId?: string;
  sensor?: string;
  quantity?: string;
  location?: string;
}

export interface Threshold {
  comparison?: Comparison;
  value?: number;
  forDuration?: string;
  hysteresis?: number;
  keepFiringFor?: string;
}

export interface NoData {
  after?: string;
  ignoreDeviceStatus?: boolean;
}

export interface RateOfChange {
  maxChange?: number;
  per?: string;
}

export interface MqttAction {
  topic: string;
  firingPayload?: string;
  resolvedPayload?: string;
  qos?: number;
  retain?: boolean;
}

export interface Rule {
  id?: string;
  name: string;
  enabled?: boolean;
  selector?: SensorSelector;
  threshold?: Threshold;
  noData?: NoData;
  rateOfChange?: RateOfChange;
  severity?: Severity;
  channelIds?: string[];
  repeatInterval?: string;
  notifyResolved?: boolean;
  template?: { title?: string; body?: string };
  silencedUntil?: string;
  actions?: MqttAction[];
  status?: { ok?: number; pending?: number; firing?: number };
}

export interface RenderedMessage {
  transition: string;
  channelKind: string;
  title: string;
  body: string;
}

/** One firing of one series in a backtest; `resolvedAt` unset when it still fired at the end. */
export interface BacktestEpisode {
  deviceId?: string;
  sensor?: string;
  quantity?: string;
  location?: string;
  unit?: string;
  firedAt?: string;
  resolvedAt?: string;
  value?: number | string;
  reason?: string;
}

/** What BacktestRule answers: the rule replayed over [start, end) by alert-service. */
export interface RuleBacktest {
  firings?: number;
  series?: number;
  readings?: number;
  episodes?: BacktestEpisode[];
  truncated?: boolean;
  start?: string;
  end?: string;
}

export interface Delivery {
  channelId?: string;
  delivered?: boolean;
  attempts?: number;
  error?: string;
  channelKind?: string;
  status?: string;
  lastAttemptAt?: string;
  nextAttemptAt?: string;
  responseCode?: number;
}

export interface Alert {
  id: string;
  ruleId: string;
  ruleName: string;
  state?: AlertState;
  severity?: Severity;
  deviceId?: string;
  sensor?: string;
  quantity?: string;
  location?: string;
  value?: number | string;
  unit?: string;
  since?: string;
  lastReadingAt?: string;
  episode?: string;
  acknowledgedBy?: string;
  acknowledgedAt?: string;
  silencedUntil?: string;
  reason?: string;
}

export interface AlertEvent {
  id: string;
  ruleId?: string;
  ruleName?: string;
  state?: AlertState;
  severity?: Severity;
  deviceId?: string;
  sensor?: string;
  quantity?: string;
  value?: number | string;
  at?: string;
  deliveries?: Delivery[];
  location?: string;
  unit?: string;
  alertId?: string;
  episode?: string;
  transition?: string;
  title?: string;
  body?: string;
}

export interface Channel {
  id?: string;
  name: string;
  email?: { to?: string[] };
  slack?: { webhookUrl?: string };
  webhook?: { url?: string; secret?: string };
  alertmanager?: { url?: string; bearerToken?: string };
  ntfy?: { serverUrl?: string; topic?: string; token?: string };
  telegram?: { botToken?: string; chatId?: string };
  discord?: { webhookUrl?: string };
  gotify?: { serverUrl?: string; appToken?: string };
  pushover?: { userKey?: string; appToken?: string };
  quietHours?: { start?: string; end?: string; timeZone?: string; criticalBreaksThrough?: boolean };
  maxPerMinute?: number;
  secretsSet?: string[];
}
