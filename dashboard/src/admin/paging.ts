/** Page tokens seen so far, so a list can go back as well as forward. */
export class PageTrail {
  private tokens: string[] = [''];
  private index = 0;
  next = '';

  get current(): string {
    return this.tokens[this.index];
  }

  get hasPrevious(): boolean {
    return this.index > 0;
  }

  get hasNext(): boolean {
    return this.next !== '';
  }

  /** Remembers the answer's next_page_token for the page just loaded. */
  loaded(nextPageToken: string | undefined): void {
    this.next = nextPageToken ?? '';
  }

  forward(): string {
    this.tokens = this.tokens.slice(0, this.index + 1);
    this.tokens.push(this.next);
    this.index++;
    return this.current;
  }

  back(): string {
    this.index = Math.max(0, this.index - 1);
    return this.current;
  }

  reset(): void {
    this.tokens = [''];
    this.index = 0;
    this.next = '';
  }

  get pageNumber(): number {
    return this.index + 1;
  }
}

/** `?a=1&b=` without the empty ones. */
export function queryOf(params: Record<string, string | number | boolean | undefined>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== '' && value !== false) {
      query.set(name, String(value));
    }
  }
  const text = query.toString();
  return text === '' ? '' : '?' + text;
}
