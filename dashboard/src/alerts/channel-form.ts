import type { Channel } from './types.js';

export type ChannelKind = 'email' | 'slack' | 'webhook' | 'alertmanager' | 'ntfy' | 'telegram' | 'discord' | 'gotify' | 'pushover';

export interface KindField {
  name: string;
  label: string;
  secret: boolean;
  /** `email.to` is a list: one address per line or comma. */
  list?: boolean;
  type?: 'url' | 'text';
}

/** Each kind of channel and its fields (alert.proto; secret ones are write-only). */
export const CHANNEL_KINDS: Record<ChannelKind, { label: string; fields: KindField[] }> = {
  email: { label: 'Email', fields: [{ name: 'to', label: 'To (one address per line)', secret: false, list: true }] },
  slack: { label: 'Slack', fields: [{ name: 'webhookUrl', label: 'Webhook URL', secret: true, type: 'url' }] },
  webhook: {
    label: 'Webhook (Alertmanager format)',
    fields: [
      { name: 'url', label: 'URL', secret: false, type: 'url' },
      { name: 'secret', label: 'Bearer token', secret: true },
    ],
  },
  alertmanager: {
    label: 'Alertmanager',
    fields: [
      { name: 'url', label: 'Base URL', secret: false, type: 'url' },
      { name: 'bearerToken', label: 'Bearer token', secret: true },
    ],
  },
  ntfy: {
    label: 'ntfy',
    fields: [
      { name: 'serverUrl', label: 'Server URL', secret: false, type: 'url' },
      { name: 'topic', label: 'Topic', secret: false },
      { name: 'token', label: 'Access token', secret: true },
    ],
  },
  telegram: {
    label: 'Telegram',
    fields: [
      { name: 'botToken', label: 'Bot token', secret: true },
      { name: 'chatId', label: 'Chat id', secret: false },
    ],
  },
  discord: { label: 'Discord', fields: [{ name: 'webhookUrl', label: 'Webhook URL', secret: true, type: 'url' }] },
  gotify: {
    label: 'Gotify',
    fields: [
      { name: 'serverUrl', label: 'Server URL', secret: false, type: 'url' },
      { name: 'appToken', label: 'Application token', secret: true },
    ],
  },
  pushover: {
    label: 'Pushover',
    fields: [
      { name: 'userKey', label: 'User key', secret: true },
      { name: 'appToken', label: 'Application token', secret: true },
    ],
  },
};

export interface ChannelForm {
  name: string;
  kind: ChannelKind;
  fields: Record<string, string>;
  quietStart: string;
  quietEnd: string;
  quietTimeZone: string;
  criticalBreaksThrough: boolean;
  maxPerMinute: string;
}

export function kindOf(channel: Channel): ChannelKind {
  return (Object.keys(CHANNEL_KINDS) as ChannelKind[]).find((kind) => channel[kind] !== undefined) ?? 'email';
}

export function emptyChannelForm(timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone): ChannelForm {
  return {
    name: '',
    kind: 'ntfy',
    fields: {},
    quietStart: '',
    quietEnd: '',
    quietTimeZone: timeZone,
    criticalBreaksThrough: true,
    maxPerMinute: '',
  };
}

export function channelToForm(channel: Channel): ChannelForm {
  const kind = kindOf(channel);
  const target = (channel[kind] ?? {}) as Record<string, unknown>;
  const fields: Record<string, string> = {};
  for (const field of CHANNEL_KINDS[kind].fields) {
    const value = target[field.name];
    fields[field.name] = Array.isArray(value) ? value.join('\n') : typeof value === 'string' ? value : '';
  }
  return {
    name: channel.name ?? '',
    kind,
    fields,
    quietStart: channel.quietHours?.start ?? '',
    quietEnd: channel.quietHours?.end ?? '',
    quietTimeZone: channel.quietHours?.timeZone || emptyChannelForm().quietTimeZone,
    criticalBreaksThrough: channel.quietHours?.criticalBreaksThrough ?? true,
    maxPerMinute: channel.maxPerMinute ? String(channel.maxPerMinute) : '',
  };
}

/** The channel to send; secrets left empty stay as stored (UpdateChannel), quiet hours only when both times are set. */
export function formToChannel(form: ChannelForm, id?: string): { channel: Channel | null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  if (form.name.trim() === '') {
    errors.name = 'Give the channel a name.';
  }
  const target: Record<string, unknown> = {};
  for (const field of CHANNEL_KINDS[form.kind].fields) {
    const value = (form.fields[field.name] ?? '').trim();
    target[field.name] = field.list ? value.split(/[\n,]+/).map((s) => s.trim()).filter((s) => s !== '') : value;
  }
  const channel: Channel = { name: form.name.trim(), [form.kind]: target };
  if (id !== undefined) {
    channel.id = id;
  }
  if ((form.quietStart === '') !== (form.quietEnd === '')) {
    errors.quietHours = 'Set both the start and the end of the quiet hours, or neither.';
  } else if (form.quietStart !== '') {
    channel.quietHours = {
      start: form.quietStart,
      end: form.quietEnd,
      timeZone: form.quietTimeZone.trim(),
      criticalBreaksThrough: form.criticalBreaksThrough,
    };
  }
  if (form.maxPerMinute.trim() !== '') {
    const max = Number(form.maxPerMinute);
    if (!Number.isInteger(max) || max < 0) {
      errors.maxPerMinute = 'Enter a whole number of notifications a minute (0: the default, 30).';
    } else {
      channel.maxPerMinute = max;
    }
  }
  return Object.keys(errors).length === 0 ? { channel, errors } : { channel: null, errors };
}
