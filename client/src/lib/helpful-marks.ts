const KEY = 'outage-radar:helpful';

/** Stories and expert insights this browser marked helpful, so the button stays "counted" after a reload. */
function read(): Set<string> {
  try {
    return new Set(JSON.parse(localStorage.getItem(KEY) ?? '[]') as string[]);
  } catch {
    return new Set();
  }
}

export const wasMarkedHelpful = (id: string) => read().has(id);

export function rememberHelpful(id: string): void {
  try {
    const ids = [...read(), id].slice(-500);
    localStorage.setItem(KEY, JSON.stringify(ids));
  } catch {
    // Private mode or a full store: the server still counts each person once.
  }
}
