import { api, ApiClient } from './api.js';

/** `User` of auth.proto as the gateway answers `GET /api/v1/me`. */
export interface User {
  username: string;
  displayName: string;
  enabled: boolean;
  groups: string[];
  permissions: string[];
  createdAt?: string;
}

/** Who is signed in and what they may do: the UI shows only that (the server still enforces everything). */
export class Session {
  private current: User | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly client: ApiClient) {
    client.onSignedOut(() => this.set(null));
  }

  get user(): User | null {
    return this.current;
  }

  can(...permissions: string[]): boolean {
    return this.current !== null && permissions.some((p) => this.current!.permissions.includes(p));
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** At start: signed in again from the refresh cookie when it is still valid. */
  async restore(): Promise<boolean> {
    if (!(await this.client.refresh())) {
      return false;
    }
    await this.loadMe();
    return true;
  }

  async signIn(username: string, password: string): Promise<void> {
    await this.client.login(username, password);
    await this.loadMe();
  }

  async signOut(everywhere = false): Promise<void> {
    try {
      await this.client.logout(everywhere);
    } finally {
      this.set(null);
    }
  }

  async loadMe(): Promise<void> {
    this.set(await this.client.request<User>('GET', '/api/v1/me'));
  }

  private set(user: User | null): void {
    this.current = user;
    this.listeners.forEach((listener) => listener());
  }
}

export const session = new Session(api);
