import { html } from 'lit';
import type { AlertState, Severity } from './types.js';
import { severityLabel, stateLabel } from './rule-form.js';

/** Severity and state as words with an icon, so colour is never the only signal. */
export function severityBadge(severity: Severity | undefined) {
  const label = severityLabel(severity);
  const icon = severity === 'SEVERITY_CRITICAL' ? '‼' : severity === 'SEVERITY_WARNING' ? '⚠' : 'ℹ';
  return html`<span class="badge severity-${label}"><span aria-hidden="true">${icon}</span> ${label}</span>`;
}

export function stateBadge(state: AlertState | undefined) {
  const label = stateLabel(state);
  const icon = label === 'firing' ? '●' : label === 'pending' ? '◐' : '○';
  return html`<span class="badge state-${label}"><span aria-hidden="true">${icon}</span> ${label}</span>`;
}

export function seriesText(a: { deviceId?: string; sensor?: string; quantity?: string; location?: string }): string {
  return [a.deviceId, a.sensor, a.quantity].filter((part) => part).join(' / ') + (a.location ? ` · ${a.location}` : '');
}

/** Proto JSON doubles: numbers, or "NaN"/"Infinity" as strings. */
export function numberOf(value: number | string | undefined): number {
  return typeof value === 'number' ? value : Number(value ?? NaN);
}
