/** History-API routing: the gateway answers index.html for every app path. */

const listeners = new Set<() => void>();

export function currentPath(): string {
  return location.pathname;
}

export function currentQuery(): URLSearchParams {
  return new URLSearchParams(location.search);
}

export function navigate(url: string, replace = false): void {
  if (url === location.pathname + location.search) {
    return;
  }
  if (replace) {
    history.replaceState(null, '', url);
  } else {
    history.pushState(null, '', url);
  }
  listeners.forEach((listener) => listener());
}

/** Keeps a page's state in the query string without a history entry per change. */
export function replaceQuery(query: URLSearchParams): void {
  const search = readableQuery(query);
  history.replaceState(null, '', location.pathname + (search === '' ? '' : '?' + search));
}

/** The query string with `/`, `,` and `:` left as they are: allowed there, and a shared link stays readable. */
export function readableQuery(query: URLSearchParams): string {
  return query.toString().replace(/%2F/gi, '/').replace(/%2C/gi, ',').replace(/%3A/gi, ':');
}

export function onRouteChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

addEventListener('popstate', () => listeners.forEach((listener) => listener()));

/** Same-origin links inside the app navigate without a page load. */
export function interceptLinks(root: HTMLElement): void {
  root.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    const anchor = event.composedPath().find((node): node is HTMLAnchorElement => node instanceof HTMLAnchorElement);
    if (!anchor || anchor.target || anchor.hasAttribute('download') || anchor.origin !== location.origin) {
      return;
    }
    if (anchor.pathname.startsWith('/api/')) {
      return;
    }
    event.preventDefault();
    navigate(anchor.pathname + anchor.search);
  });
}
