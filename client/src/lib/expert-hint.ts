const KEY = 'outage-radar:expert';

/**
 * Whether this browser signed in as an expert. The session cookie is HttpOnly, so the page cannot
 * see it; without this hint every reader's page would ask the server on outage day for nothing.
 * The server still decides: a stale hint costs one request, which then clears it.
 */
export function mayBeExpert(): boolean {
  try {
    return localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

export function rememberExpert(signedIn: boolean): void {
  try {
    if (signedIn) localStorage.setItem(KEY, '1');
    else localStorage.removeItem(KEY);
  } catch {
    // Private mode: the form then shows only right after signing in on this page load.
  }
}
