/** The explorer's whole view as URL query parameters, so a reload or a shared link shows the same. */
import { parseSensorId } from '../model.js';
import { isQuickRange, rangeProblem, type RangeSpec } from './range.js';

export interface ExplorerState {
  sensors: string[];
  range: RangeSpec;
  quantity: string;
  room: string;
  device: string;
  text: string;
}

/** GetSeries takes at most this many sensors per request; the explorer shows at most this many. */
export const MAX_SENSORS = 50;
const MAX_FILTER_LENGTH = 256;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

export const DEFAULT_RANGE: RangeSpec = { kind: 'quick', name: '24h' };

export function emptyState(): ExplorerState {
  return { sensors: [], range: DEFAULT_RANGE, quantity: '', room: '', device: '', text: '' };
}

/** Reads the view from the query string; values that are not valid are ignored, never fatal. */
export function parseState(query: URLSearchParams): ExplorerState {
  const state = emptyState();
  const seen = new Set<string>();
  for (const id of (query.get('sensors') ?? '').split(',')) {
    if (seen.size < MAX_SENSORS && !seen.has(id) && validText(id) && parseSensorId(id) !== null) {
      seen.add(id);
    }
  }
  state.sensors = [...seen];
  const range = query.get('range') ?? '';
  const from = parseInstant(query.get('from'));
  const to = parseInstant(query.get('to'));
  if (isQuickRange(range)) {
    state.range = { kind: 'quick', name: range };
  } else if (rangeProblem(from, to) === null) {
    state.range = { kind: 'absolute', from, to };
  }
  state.quantity = filterValue(query.get('quantity'));
  state.room = filterValue(query.get('room'));
  state.device = filterValue(query.get('device'));
  state.text = filterValue(query.get('q'));
  return state;
}

export function serialiseState(state: ExplorerState): URLSearchParams {
  const query = new URLSearchParams();
  if (state.sensors.length > 0) {
    query.set('sensors', state.sensors.join(','));
  }
  if (state.range.kind === 'quick') {
    query.set('range', state.range.name);
  } else {
    query.set('from', new Date(state.range.from).toISOString());
    query.set('to', new Date(state.range.to).toISOString());
  }
  const filters: [string, string][] = [
    ['quantity', state.quantity],
    ['room', state.room],
    ['device', state.device],
    ['q', state.text],
  ];
  for (const [name, value] of filters) {
    if (value !== '') {
      query.set(name, value);
    }
  }
  return query;
}

function parseInstant(text: string | null): number {
  // Only full ISO-8601 instants with a zone: Date.parse would take many other forms.
  if (text === null || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) {
    return NaN;
  }
  return Date.parse(text);
}

function filterValue(text: string | null): string {
  return text !== null && validText(text) ? text.trim() : '';
}

function validText(text: string): boolean {
  return text.length > 0 && text.length <= MAX_FILTER_LENGTH && !CONTROL.test(text);
}
