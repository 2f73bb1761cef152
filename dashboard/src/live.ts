import { api, errorOf, type ApiClient } from './api.js';
import type { DeviceStatusChange, Reading, ReadingFilter } from './model.js';

export type LiveState = 'connecting' | 'live' | 'offline';

/** One server-sent event: its name ("message" unless said) and its data lines joined. */
export interface ServerEvent {
  event: string;
  data: string;
}

/**
 * Splits a text/event-stream into events. Feed it chunks as they come; it returns the events that
 * are complete and keeps the rest (comments, like the keep-alive, are dropped).
 */
export class EventStreamParser {
  private buffer = '';
  private event = 'message';
  private data: string[] = [];

  push(chunk: string): ServerEvent[] {
    this.buffer += chunk;
    const out: ServerEvent[] = [];
    let newline: number;
    while ((newline = this.buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = this.buffer.slice(0, newline);
      const width = this.buffer.startsWith('\r\n', newline) ? 2 : 1;
      this.buffer = this.buffer.slice(newline + width);
      if (line === '') {
        if (this.data.length > 0) {
          out.push({ event: this.event, data: this.data.join('\n') });
        }
        this.event = 'message';
        this.data = [];
      } else if (!line.startsWith(':')) {
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        let value = colon < 0 ? '' : line.slice(colon + 1);
        if (value.startsWith(' ')) {
          value = value.slice(1);
        }
        if (field === 'data') {
          this.data.push(value);
        } else if (field === 'event') {
          this.event = value;
        }
      }
    }
    return out;
  }
}

/** How long to wait before the next attempt after {@code failures} failed ones: 1 s doubling to 15 s. */
export function reconnectDelay(failures: number): number {
  return Math.min(15_000, 1_000 * 2 ** Math.max(0, failures - 1));
}

export function filterQuery(filter: ReadingFilter): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(filter)) {
    if (typeof value === 'string' && value !== '') {
      query.set(name, value);
    }
  }
  const text = query.toString();
  return text === '' ? '' : '?' + text;
}

/** Where a stream gets its access token: the app's {@link ApiClient}; tests give their own. */
export type TokenSource = Pick<ApiClient, 'freshToken' | 'refresh'>;

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/**
 * A server-streaming RPC the gateway serves as SSE, read with fetch, so the access token goes in
 * the Authorization header and not in the URL: each `data:` line is one message in proto JSON,
 * `event: error` ends the attempt. Reconnects by itself with {@link reconnectDelay} until
 * stopped; returns the stop function.
 */
export function openEventStream<T>(
  path: string,
  onMessage: (message: T) => void,
  onState: (state: LiveState, message?: string) => void,
  tokens: TokenSource = api,
  fetchFn: Fetch = (input, init) => fetch(input, init),
): () => void {
  let stopped = false;
  let controller: AbortController | null = null;
  let wakeUp: (() => void) | null = null;
  let failures = 0;

  const run = async (): Promise<void> => {
    while (!stopped) {
      onState('connecting');
      controller = new AbortController();
      try {
        const token = await tokens.freshToken();
        if (token === null) {
          onState('offline', 'Signed out');
          return;
        }
        const response = await fetchFn(path, {
          headers: { Accept: 'text/event-stream', Authorization: `Bearer ${token}` },
          signal: controller.signal,
        });
        if (response.status === 401) {
          await tokens.refresh();
          throw errorOf(401, '');
        }
        if (!response.ok || response.body === null) {
          throw errorOf(response.status, await response.text());
        }
        failures = 0;
        onState('live');
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        const parser = new EventStreamParser();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) {
            break;
          }
          for (const event of parser.push(value)) {
            if (event.event === 'message') {
              onMessage(JSON.parse(event.data) as T);
            } else if (event.event === 'error') {
              throw new Error(event.data);
            }
          }
        }
      } catch (error) {
        if (stopped) {
          return;
        }
        onState('offline', error instanceof Error ? error.message : String(error));
      }
      // Releases the connection of a response not read to its end (e.g. after an error event).
      controller.abort();
      failures++;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, reconnectDelay(failures));
        wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wakeUp = null;
    }
  };
  void run();
  return () => {
    stopped = true;
    controller?.abort();
    wakeUp?.();
  };
}

/** The live readings matching the filter (`GET /api/v1/readings:stream`). */
export function openLiveStream(
  filter: ReadingFilter,
  onReading: (reading: Reading) => void,
  onState: (state: LiveState, message?: string) => void,
): () => void {
  return openEventStream('/api/v1/readings:stream' + filterQuery(filter), onReading, onState);
}

/** Every device's status now, then each change (`GET /api/v1/device-statuses:stream`). */
export function openDeviceStatusStream(
  onChange: (change: DeviceStatusChange) => void,
  onState: (state: LiveState, message?: string) => void,
  tokens: TokenSource = api,
  fetchFn?: Fetch,
): () => void {
  return openEventStream('/api/v1/device-statuses:stream', onChange, onState, tokens, fetchFn);
}
