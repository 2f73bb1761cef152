import { humanDuration, parseDuration, protoDuration } from './durations.js';
import type { Alert, AlertState, Comparison, Rule, Severity } from './types.js';

export type ConditionKind = 'threshold' | 'noData' | 'rateOfChange';

export interface ActionForm {
  topic: string;
  firingPayload: string;
  resolvedPayload: string;
  qos: number;
  retain: boolean;
}

/** The rule editor's fields as typed: strings for numbers and durations until they are checked. */
export interface RuleForm {
  name: string;
  enabled: boolean;
  severity: Severity;
  kind: ConditionKind;
  comparison: Comparison;
  value: string;
  hysteresis: string;
  forDuration: string;
  keepFiringFor: string;
  after: string;
  ignoreDeviceStatus: boolean;
  maxChange: string;
  per: string;
  deviceId: string;
  sensor: string;
  quantity: string;
  location: string;
  channelIds: string[];
  repeatInterval: string;
  notifyResolved: boolean;
  title: string;
  body: string;
  actions: ActionForm[];
}

export type FormErrors = Partial<Record<string, string>>;

export function emptyRuleForm(): RuleForm {
  return {
    name: '',
    enabled: true,
    severity: 'SEVERITY_WARNING',
    kind: 'threshold',
    comparison: 'COMPARISON_ABOVE',
    value: '',
    hysteresis: '',
    forDuration: '5m',
    keepFiringFor: '',
    after: '15m',
    ignoreDeviceStatus: false,
    maxChange: '',
    per: '10m',
    deviceId: '',
    sensor: '',
    quantity: '',
    location: '',
    channelIds: [],
    repeatInterval: '',
    notifyResolved: true,
    title: '',
    body: '',
    actions: [],
  };
}

export function ruleToForm(rule: Rule): RuleForm {
  const form = emptyRuleForm();
  form.name = rule.name ?? '';
  form.enabled = rule.enabled ?? false;
  form.severity = rule.severity && rule.severity !== 'SEVERITY_UNSPECIFIED' ? rule.severity : 'SEVERITY_WARNING';
  form.deviceId = rule.selector?.deviceId ?? '';
  form.sensor = rule.selector?.sensor ?? '';
  form.quantity = rule.selector?.quantity ?? '';
  form.location = rule.selector?.location ?? '';
  if (rule.threshold) {
    form.kind = 'threshold';
    form.comparison = rule.threshold.comparison ?? 'COMPARISON_ABOVE';
    form.value = numberText(rule.threshold.value);
    form.hysteresis = rule.threshold.hysteresis ? numberText(rule.threshold.hysteresis) : '';
    form.forDuration = humanDuration(rule.threshold.forDuration);
    form.keepFiringFor = humanDuration(rule.threshold.keepFiringFor);
  } else if (rule.noData) {
    form.kind = 'noData';
    form.after = humanDuration(rule.noData.after);
    form.ignoreDeviceStatus = rule.noData.ignoreDeviceStatus ?? false;
  } else if (rule.rateOfChange) {
    form.kind = 'rateOfChange';
    form.maxChange = numberText(rule.rateOfChange.maxChange);
    form.per = humanDuration(rule.rateOfChange.per);
  }
  form.channelIds = [...(rule.channelIds ?? [])];
  form.repeatInterval = humanDuration(rule.repeatInterval);
  form.notifyResolved = rule.notifyResolved ?? true;
  form.title = rule.template?.title ?? '';
  form.body = rule.template?.body ?? '';
  form.actions = (rule.actions ?? []).map((action) => ({
    topic: action.topic ?? '',
    firingPayload: action.firingPayload ?? '',
    resolvedPayload: action.resolvedPayload ?? '',
    qos: action.qos ?? 0,
    retain: action.retain ?? false,
  }));
  return form;
}

/**
 * The rule to send, or the fields that cannot be sent as typed (a hint next to each). The server
 * still checks everything; these catch only what is not a number or a duration at all.
 */
export function formToRule(form: RuleForm, id?: string): { rule: Rule | null; errors: FormErrors } {
  const errors: FormErrors = {};
  const number = (field: keyof RuleForm, required: boolean): number | undefined => {
    const text = String(form[field]).trim();
    if (text === '') {
      if (required) {
        errors[field] = 'Enter a number.';
      }
      return undefined;
    }
    const value = Number(text.replace(',', '.'));
    if (!Number.isFinite(value)) {
      errors[field] = 'Enter a number, e.g. 21.5.';
      return undefined;
    }
    return value;
  };
  const duration = (field: keyof RuleForm, required: boolean): string | undefined => {
    const seconds = parseDuration(String(form[field]));
    if (seconds === null) {
      errors[field] = 'Enter a duration such as 90s, 5m, 1h30m or 2d.';
      return undefined;
    }
    if (seconds === 0) {
      if (required) {
        errors[field] = 'Enter a duration above zero, e.g. 15m.';
      }
      return undefined;
    }
    return protoDuration(seconds);
  };
  if (form.name.trim() === '') {
    errors.name = 'Give the rule a name.';
  }
  const rule: Rule = {
    name: form.name.trim(),
    enabled: form.enabled,
    severity: form.severity,
    selector: selectorOf(form),
    channelIds: [...form.channelIds],
    notifyResolved: form.notifyResolved,
    template: { title: form.title, body: form.body },
    actions: form.actions.map((action) => ({
      topic: action.topic.trim(),
      firingPayload: action.firingPayload,
      resolvedPayload: action.resolvedPayload,
      qos: action.qos,
      retain: action.retain,
    })),
  };
  if (id !== undefined) {
    rule.id = id;
  }
  const repeat = duration('repeatInterval', false);
  if (repeat !== undefined) {
    rule.repeatInterval = repeat;
  }
  if (form.kind === 'threshold') {
    rule.threshold = {
      comparison: form.comparison,
      value: number('value', true),
      hysteresis: number('hysteresis', false) ?? 0,
    };
    const forDuration = duration('forDuration', false);
    const keep = duration('keepFiringFor', false);
    if (forDuration !== undefined) {
      rule.threshold.forDuration = forDuration;
    }
    if (keep !== undefined) {
      rule.threshold.keepFiringFor = keep;
    }
  } else if (form.kind === 'noData') {
    rule.noData = { after: duration('after', true), ignoreDeviceStatus: form.ignoreDeviceStatus };
    if (Object.keys(rule.selector ?? {}).length === 0) {
      errors.selector = 'A no-data rule needs at least one of device, sensor, quantity or location.';
    }
  } else {
    rule.rateOfChange = { maxChange: number('maxChange', true), per: duration('per', true) };
  }
  form.actions.forEach((action, index) => {
    if (action.topic.trim() === '') {
      errors[`actions.${index}.topic`] = 'Enter the topic to publish to, e.g. cmnd/fan/POWER.';
    }
  });
  return Object.keys(errors).length === 0 ? { rule, errors } : { rule: null, errors };
}

function selectorOf(form: RuleForm) {
  const selector: Record<string, string> = {};
  for (const field of ['deviceId', 'sensor', 'quantity', 'location'] as const) {
    if (form[field].trim() !== '') {
      selector[field] = form[field].trim();
    }
  }
  return selector;
}

function numberText(value: number | undefined): string {
  return value === undefined ? '' : String(value);
}

/** The server's INVALID_ARGUMENT message names the field first ("threshold.value must …"): put it next to that field. */
export function fieldOfServerError(message: string): string | null {
  const match = /^([a-z][a-zA-Z_]*(?:\[\d+\])?(?:\.[a-zA-Z_]+)*)[\s:]/.exec(message);
  if (match === null) {
    return null;
  }
  const path = match[1].replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  const action = /^actions\[(\d+)\]\.?(\w*)/.exec(path);
  if (action !== null) {
    return `actions.${action[1]}.${action[2] || 'topic'}`;
  }
  const last = path.split('.').pop()!;
  if (['deviceId', 'sensor', 'quantity', 'location', 'selector'].includes(last)) {
    return 'selector';
  }
  if (last === 'template' || path.startsWith('template.')) {
    return last === 'body' ? 'body' : 'title';
  }
  return last;
}

const STATE_ORDER: Record<AlertState, number> = {
  ALERT_STATE_FIRING: 0,
  ALERT_STATE_PENDING: 1,
  ALERT_STATE_RESOLVED: 2,
  ALERT_STATE_OK: 3,
  ALERT_STATE_UNSPECIFIED: 4,
};
const SEVERITY_ORDER: Record<Severity, number> = {
  SEVERITY_CRITICAL: 0,
  SEVERITY_WARNING: 1,
  SEVERITY_INFO: 2,
  SEVERITY_UNSPECIFIED: 3,
};

/** Firing first, then pending, then the rest; within a state the most severe, then the oldest. */
export function sortAlerts(alerts: Alert[]): Alert[] {
  return [...alerts].sort(
    (a, b) =>
      STATE_ORDER[a.state ?? 'ALERT_STATE_UNSPECIFIED'] - STATE_ORDER[b.state ?? 'ALERT_STATE_UNSPECIFIED'] ||
      SEVERITY_ORDER[a.severity ?? 'SEVERITY_UNSPECIFIED'] - SEVERITY_ORDER[b.severity ?? 'SEVERITY_UNSPECIFIED'] ||
      (a.since ?? '').localeCompare(b.since ?? ''),
  );
}

/** The `until` of a silence that lasts `hours` from now. */
export function silenceUntil(hours: number, now = Date.now()): string {
  return new Date(now + hours * 3_600_000).toISOString();
}

export function isSilenced(until: string | undefined, now = Date.now()): boolean {
  return until !== undefined && until !== '' && new Date(until).getTime() > now;
}

export function stateLabel(state: AlertState | undefined): string {
  return (state ?? 'ALERT_STATE_UNSPECIFIED').replace('ALERT_STATE_', '').toLowerCase().replace('unspecified', 'unknown');
}

export function severityLabel(severity: Severity | undefined): string {
  return (severity ?? 'SEVERITY_UNSPECIFIED').replace('SEVERITY_', '').toLowerCase().replace('unspecified', '–');
}
