/**
 * The app's pages. Each page module defines its custom element (light DOM, see ui.ts) and is
 * imported here; the shell shows the page whose path is the longest prefix of the location.
 * A page element gets the full path in its `path` property and keeps its own state in the query string.
 */
export interface Page {
  /** "/" matches only itself; any other path matches itself and everything below it. */
  path: string;
  title: string;
  tag: string;
  /** The user needs one of these to see it (none: any signed-in user). */
  permissions: string[];
  /** Shown in the navigation. */
  nav: boolean;
}

export const pages: Page[] = [];

export function register(page: Page): void {
  pages.push(page);
}

export function pageFor(path: string): Page | undefined {
  let best: Page | undefined;
  for (const page of pages) {
    const matches = page.path === '/' ? path === '/' : path === page.path || path.startsWith(page.path + '/');
    if (matches && (best === undefined || page.path.length > best.path.length)) {
      best = page;
    }
  }
  return best;
}
