import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api } from '../api.js';
import { formatDateTime } from '../format.js';
import { currentQuery, replaceQuery } from '../router.js';
import { AppElement, errorBox, loading } from '../ui.js';
import { PageTrail, queryOf } from './paging.js';
import type { AuditEvent } from './types.js';

const PAGE_SIZE = 50;

/** The audit log, newest first, by actor. */
@customElement('ch-admin-audit')
export class AuditView extends AppElement {
  @state() private events: AuditEvent[] | null = null;
  @state() private error: unknown = null;
  @state() private actor = currentQuery().get('actor') ?? '';
  private readonly trail = new PageTrail();

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load('');
  }

  private async load(pageToken: string): Promise<void> {
    this.events = null;
    try {
      const answer = await api.request<{ events?: AuditEvent[]; nextPageToken?: string }>(
        'GET',
        '/api/v1/audit-events' + queryOf({ pageSize: PAGE_SIZE, pageToken, actor: this.actor }),
      );
      this.events = answer.events ?? [];
      this.trail.loaded(answer.nextPageToken);
      this.error = null;
    } catch (error) {
      this.events = [];
      this.error = error;
    }
  }

  private filter(event: Event) {
    event.preventDefault();
    this.actor = String(new FormData(event.target as HTMLFormElement).get('actor') ?? '').trim();
    const query = currentQuery();
    if (this.actor === '') {
      query.delete('actor');
    } else {
      query.set('actor', this.actor);
    }
    replaceQuery(query);
    this.trail.reset();
    void this.load('');
  }

  override render() {
    return html`<h2>Audit log</h2>
      <form class="row" role="search" @submit=${this.filter}>
        <label>Actor <input name="actor" .value=${this.actor} placeholder="any" /></label>
        <button type="submit">Filter</button>
      </form>
      ${errorBox(this.error)}
      ${this.events === null
        ? loading('Loading the audit log…')
        : this.events.length === 0
          ? this.error
            ? nothing
            : html`<p class="empty card">Nothing recorded${this.actor ? ` for ${this.actor}` : ''}.</p>`
          : html`<div class="table-scroll">
              <table class="audit">
                <caption class="visually-hidden">Audit events, newest first</caption>
                <thead><tr><th>When</th><th>Actor</th><th>Action</th><th>Target</th><th>From</th><th>Detail</th></tr></thead>
                <tbody>
                  ${this.events.map(
                    (e) => html`<tr>
                      <td>${e.at ? formatDateTime(e.at) : ''}</td><td>${e.actor}</td><td>${e.action}</td>
                      <td>${e.target}</td><td>${e.clientAddress}</td><td>${e.detail}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>`}
      <nav class="row pager" aria-label="Audit pages">
        <button ?disabled=${!this.trail.hasPrevious} @click=${() => this.load(this.trail.back())}>Newer</button>
        <span class="muted">Page ${this.trail.pageNumber}</span>
        <button ?disabled=${!this.trail.hasNext} @click=${() => this.load(this.trail.forward())}>Older</button>
      </nav>`;
  }
}
