/**
 * One voice for a live page. Screen readers read every change of a live region; a page that
 * updates every second would talk without pause. This says only what it is given (meaningful
 * changes, e.g. the verdict), at most once per `gapMs`, and when several changes come within a
 * gap, only the last one — and nothing if that is what was said last.
 */
export function createAnnouncer(opts: { gapMs: number; say: (text: string) => void; known?: string }) {
  const now = () => Date.now();
  // What the page already shows when it opens is read with the page, not announced.
  let lastSaid = opts.known ?? '';
  let lastAt = -Infinity;
  let pending: string | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function flush() {
    timer = undefined;
    const text = pending;
    pending = undefined;
    if (text === undefined || text === lastSaid) return;
    lastSaid = text;
    lastAt = now();
    opts.say(text);
  }

  return {
    /** The page's state in words, given on every change. */
    update(text: string) {
      pending = text;
      if (timer) return;
      const wait = lastAt + opts.gapMs - now();
      if (wait <= 0) flush();
      else timer = setTimeout(flush, wait);
    },
    stop() {
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
