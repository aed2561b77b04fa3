const KEY = 'outage-radar:check-on-load';
/** A check asked for on a page reached inside the app, to run once the page is loaded for real. */
const PENDING = 'outage-radar:check-pending';

/** The visitor chose to have their browser check a service whenever they open its page. */
export function checksOnLoad(): boolean {
  try {
    return localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

export function rememberCheckOnLoad(on: boolean): void {
  try {
    if (on) localStorage.setItem(KEY, '1');
    else localStorage.removeItem(KEY);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}

/** Marks a check to run after the page is loaded again (see `documentAllowsCheck`). */
export function askCheckAfterReload(slug: string): void {
  try {
    sessionStorage.setItem(PENDING, slug);
  } catch {
    // Without storage the visitor presses the button once more after the reload.
  }
}

/** Whether a check was asked for this service before the reload; asking again needs a new press. */
export function takePendingCheck(slug: string): boolean {
  try {
    const pending = sessionStorage.getItem(PENDING) === slug;
    sessionStorage.removeItem(PENDING);
    return pending;
  } catch {
    return false;
  }
}
