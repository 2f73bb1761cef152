import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { pageFor, pages, type Page } from './pages/registry.js';
import { currentPath, interceptLinks, onRouteChange } from './router.js';
import { session } from './session.js';
import { applyTheme, nextTheme, themeChoice, type ThemeChoice } from './theme.js';
import { AppElement, errorBox } from './ui.js';
import './pages/login.js';
import './pages/index.js';

type PageElement = HTMLElement & { path?: string };

/** The shell: navigation by permission, theme, the offline notice, and the page for the location. */
@customElement('ch-app')
export class App extends AppElement {
  @state() private path = currentPath();
  @state() private ready = false;
  @state() private startError: unknown = null;
  @state() private online = navigator.onLine;
  @state() private theme: ThemeChoice = themeChoice();
  @state() private menuOpen = false;
  private mounted: { page: Page; element: PageElement } | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    interceptLinks(this);
    onRouteChange(() => {
      this.path = currentPath();
      this.menuOpen = false;
    });
    session.onChange(() => this.requestUpdate());
    addEventListener('online', () => (this.online = true));
    addEventListener('offline', () => (this.online = false));
    void this.start();
  }

  private async start(): Promise<void> {
    try {
      await session.restore();
    } catch (error) {
      this.startError = error;
    } finally {
      this.ready = true;
    }
  }

  override render() {
    if (!this.ready) {
      return html`<p class="muted center" role="status">Loading…</p>`;
    }
    const user = session.user;
    if (user === null) {
      return html`${this.offlineNotice()}${errorBox(this.startError)}<ch-login></ch-login>`;
    }
    const visible = pages.filter((page) => page.permissions.length === 0 || session.can(...page.permissions));
    const page = pageFor(this.path);
    document.title = page ? `${page.title} · Connected Home` : 'Connected Home';
    return html`
      <a class="skip" href="#main">Skip to content</a>
      <header class="bar">
        <a class="brand" href="/"><img src="/icons/icon.svg" alt="" width="28" height="28" /> <span>Connected Home</span></a>
        <button class="menu-toggle" aria-expanded=${this.menuOpen} aria-controls="nav" @click=${() => (this.menuOpen = !this.menuOpen)}>
          Menu
        </button>
        <nav id="nav" class=${this.menuOpen ? 'open' : ''} aria-label="Main">
          ${visible
            .filter((p) => p.nav)
            .map((p) => html`<a href=${p.path} aria-current=${page === p ? 'page' : nothing}>${p.title}</a>`)}
        </nav>
        <button class="theme" @click=${this.toggleTheme} title="Theme: ${this.theme}" aria-label="Theme: ${this.theme}, change">
          ${this.theme === 'dark' ? '☾' : this.theme === 'light' ? '☀' : '◐'}
        </button>
      </header>
      ${this.offlineNotice()}
      <main id="main" tabindex="-1">${this.pageElement(page, visible)}</main>
    `;
  }

  private pageElement(page: Page | undefined, visible: Page[]) {
    if (page === undefined) {
      return html`<section class="card"><h1>Not found</h1><p>There is no page at ${this.path}. <a href="/">Go home</a>.</p></section>`;
    }
    if (!visible.includes(page)) {
      return html`<section class="card"><h1>${page.title}</h1><p>You do not have permission to see this page.</p></section>`;
    }
    // One element per page while it is shown: its state survives re-renders of the shell.
    if (this.mounted?.page !== page) {
      this.mounted = { page, element: document.createElement(page.tag) as PageElement };
    }
    this.mounted.element.path = this.path;
    return this.mounted.element;
  }

  private offlineNotice() {
    return this.online
      ? nothing
      : html`<p class="offline" role="status">You are offline: the values shown are the last ones received.</p>`;
  }

  private toggleTheme() {
    this.theme = nextTheme(this.theme);
    applyTheme(this.theme);
    dispatchEvent(new Event('ch-theme'));
  }
}
