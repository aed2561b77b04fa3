/** A small history router: a handful of pages do not need a framework's. */
export type Route =
  | { name: 'home' }
  | { name: 'service'; slug: string }
  | { name: 'story'; id: string }
  | { name: 'incident'; id: string }
  | { name: 'admin' }
  | { name: 'expert-sign-in' }
  | { name: 'not-found' };

/** The route of a path; the server asks the same function which page it renders. */
export function routeOf(path: string): Route {
  if (path === '/' || path === '') return { name: 'home' };
  const service = /^\/status\/([a-z0-9-]+)\/?$/.exec(path);
  if (service) return { name: 'service', slug: service[1]! };
  const story = /^\/stories\/([a-f0-9]{24})\/?$/.exec(path);
  if (story) return { name: 'story', id: story[1]! };
  const incident = /^\/incidents\/([a-f0-9]{24})\/?$/.exec(path);
  if (incident) return { name: 'incident', id: incident[1]! };
  if (/^\/admin\/?$/.test(path)) return { name: 'admin' };
  if (/^\/experts\/sign-in\/?$/.test(path)) return { name: 'expert-sign-in' };
  return { name: 'not-found' };
}

const inBrowser = typeof window !== 'undefined';

// On the server there is no location: App is given the request's path instead.
export const router = $state({ route: routeOf(inBrowser ? location.pathname : '/') });

export function navigate(path: string): void {
  if (path === location.pathname) return;
  history.pushState({}, '', path);
  router.route = routeOf(location.pathname);
  window.scrollTo(0, 0);
}

/**
 * A same-page anchor (the skip link) moves focus, not only the view: keyboard and screen-reader
 * users continue from the target. The target needs tabindex="-1" to take focus.
 */
function focusTarget(id: string): void {
  const target = document.getElementById(id);
  target?.focus();
  target?.scrollIntoView();
}

if (inBrowser) {
  addEventListener('popstate', () => (router.route = routeOf(location.pathname)));

  // Same-origin links navigate in place; modified clicks (new tab…) keep their usual meaning.
  addEventListener('click', (e) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = (e.target as Element).closest?.('a');
    if (!a || a.target || a.origin !== location.origin || a.hasAttribute('download')) return;
    e.preventDefault();
    if (a.hash && a.pathname === location.pathname) return focusTarget(a.hash.slice(1));
    navigate(a.pathname);
  });
}
