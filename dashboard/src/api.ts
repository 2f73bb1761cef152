/**
 * The gateway's REST API: the access token in memory only, the refresh token in the gateway's
 * HttpOnly cookie (cookie mode, `X-CH-Session: cookie`), a silent refresh before the access token
 * expires and once after a 401. Every failure becomes an {@link ApiError} with a human message.
 */

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The server could not be reached at all (network down, gateway stopped). */
  get unreachable(): boolean {
    return this.status === 0;
  }
}

export interface TokenPair {
  accessToken: string;
  tokenType: string;
  expiresInSeconds: string | number;
  refreshToken: string;
  refreshExpiresInSeconds: string | number;
}

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** Refresh this long before the access token expires. */
const REFRESH_AHEAD_MS = 30_000;
const SESSION_HEADER = { 'X-CH-Session': 'cookie' };

export class ApiClient {
  private token: string | null = null;
  private expiresAt = 0;
  private refreshing: Promise<boolean> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly signedOutListeners = new Set<() => void>();

  constructor(
    private readonly fetchFn: Fetch = (input, init) => fetch(input, init),
    private readonly now: () => number = () => Date.now(),
    private readonly schedule: (run: () => void, ms: number) => ReturnType<typeof setTimeout> = (run, ms) =>
      setTimeout(run, ms),
  ) {}

  get signedIn(): boolean {
    return this.token !== null;
  }

  /**
   * A valid access token, refreshed first when there is none or it is about to expire; null when
   * signed out. {@link request} uses it, and so does the live stream, which calls fetch itself.
   */
  async freshToken(): Promise<string | null> {
    if (this.token === null || this.now() >= this.expiresAt - REFRESH_AHEAD_MS) {
      if (!(await this.refresh())) {
        return null;
      }
    }
    return this.token;
  }

  onSignedOut(listener: () => void): () => void {
    this.signedOutListeners.add(listener);
    return () => this.signedOutListeners.delete(listener);
  }

  async login(username: string, password: string): Promise<void> {
    const pair = await this.send<TokenPair>('POST', '/api/v1/auth/login', { username, password }, SESSION_HEADER);
    this.accept(pair);
  }

  /**
   * A new access token from the refresh cookie; false (and signed out) when there is no valid one.
   * Concurrent callers share one request: refresh tokens rotate, so two at once would revoke the family.
   */
  refresh(): Promise<boolean> {
    if (this.refreshing === null) {
      this.refreshing = this.send<TokenPair>('POST', '/api/v1/auth/refresh', {}, SESSION_HEADER)
        .then((pair) => {
          this.accept(pair);
          return true;
        })
        .catch((error: unknown) => {
          if (error instanceof ApiError && (error.status === 401 || error.status === 400)) {
            this.forget(true);
            return false;
          }
          throw error;
        })
        .finally(() => {
          this.refreshing = null;
        });
    }
    return this.refreshing;
  }

  async logout(everywhere = false): Promise<void> {
    try {
      await this.send('POST', '/api/v1/auth/logout', everywhere ? { everywhere: true } : {}, SESSION_HEADER);
    } finally {
      this.forget(true);
    }
  }

  /** An authenticated call: refreshes first when the token is about to expire, and once more after a 401. */
  async request<T>(method: Method, path: string, body?: unknown): Promise<T> {
    if ((await this.freshToken()) === null) {
      throw signedOut();
    }
    try {
      return await this.send<T>(method, path, body, this.authorization());
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) {
        throw error;
      }
    }
    if (!(await this.refresh())) {
      throw signedOut();
    }
    return this.send<T>(method, path, body, this.authorization());
  }

  private authorization(): Record<string, string> {
    return this.token === null ? {} : { Authorization: `Bearer ${this.token}` };
  }

  private accept(pair: TokenPair): void {
    this.token = pair.accessToken;
    const lifetime = Number(pair.expiresInSeconds) * 1000;
    this.expiresAt = this.now() + lifetime;
    if (this.timer !== null) {
      clearTimeout(this.timer);
    }
    this.timer = this.schedule(
      () => {
        this.refresh().catch(() => {
          // Unreachable now: the next request tries again.
        });
      },
      Math.max(1_000, lifetime - REFRESH_AHEAD_MS),
    );
  }

  private forget(tell: boolean): void {
    const had = this.token !== null;
    this.token = null;
    this.expiresAt = 0;
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (tell && had) {
      this.signedOutListeners.forEach((listener) => listener());
    }
  }

  private async send<T>(method: Method, path: string, body: unknown, headers: Record<string, string>): Promise<T> {
    let response: Response;
    try {
      response = await this.fetchFn(path, {
        method,
        headers: {
          Accept: 'application/json',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'same-origin',
      });
    } catch {
      throw new ApiError(0, 'UNAVAILABLE', 'Cannot reach Connected Home. Check the connection and try again.');
    }
    const text = await response.text();
    if (response.ok) {
      return (text === '' ? {} : JSON.parse(text)) as T;
    }
    throw errorOf(response.status, text);
  }
}

/** The gateway's `{"error":{"code","status","message"}}`, or a plain message for anything else (a proxy's page). */
export function errorOf(status: number, text: string): ApiError {
  try {
    const error = JSON.parse(text)?.error;
    if (error && typeof error.message === 'string' && error.message !== '') {
      return new ApiError(status, String(error.status ?? ''), error.message);
    }
  } catch {
    // Not JSON: fall through to a message by status.
  }
  if (status === 502 || status === 503 || status === 504) {
    return new ApiError(status, 'UNAVAILABLE', `The server is not answering (${status}). Try again in a moment.`);
  }
  if (status === 401) {
    return new ApiError(status, 'UNAUTHENTICATED', 'Please sign in.');
  }
  if (status === 403) {
    return new ApiError(status, 'PERMISSION_DENIED', 'You do not have permission to do that.');
  }
  if (status === 404) {
    return new ApiError(status, 'NOT_FOUND', 'Not found.');
  }
  return new ApiError(status, 'UNKNOWN', `Something went wrong (HTTP ${status}).`);
}

function signedOut(): ApiError {
  return new ApiError(401, 'UNAUTHENTICATED', 'Your session has ended. Please sign in again.');
}

/** The app's one client. */
export const api = new ApiClient();
