/**
 * How much of a status page we are willing to read. A page is someone else's server: whatever
 * it sends, each field is cut to these lengths before anything (HTML removal, entity decoding,
 * matching words) looks at it, so the cost of reading a page is bounded by these numbers, not
 * by the page. Each is well above what real pages send (Statuspage names are a line, update
 * bodies a paragraph or two, feeds hold 25–50 items).
 */

/** Names, titles, descriptions: shown on one line. */
export const MAX_NAME = 300;
/** A page's one-line summary, which may list the names of its open incidents. */
export const MAX_DESCRIPTION = 1_000;
/** Status and impact words, ids, dates: a real one is a few characters. */
export const MAX_WORD = 64;
/** An update body as HTML, before tags are removed; the plain text is cut again to MAX_UPDATE. */
export const MAX_HTML = 16_000;
/** The plain text of the latest update, as people read it. */
export const MAX_UPDATE = 4_000;
/** Links longer than this are dropped, not cut: a cut link is a different link. */
export const MAX_LINK = 2_048;

/** Large pages list a few hundred components. */
export const MAX_COMPONENTS = 1_000;
/** Incidents, maintenances and feed items read from one page. */
export const MAX_ENTRIES = 100;
/** Updates of one incident looked at to find the newest (long incidents have dozens). */
export const MAX_UPDATES_SCANNED = 500;
/** Notes for operators: the first few say what is wrong; a thousand say nothing more. */
export const MAX_NOTES = 20;

/** `text` trimmed and cut to `max` characters, "…" marking a cut; a huge input is sliced before it is trimmed. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text.trim();
  let head = text.slice(0, max - 1);
  // Never leave half of a surrogate pair at the cut.
  const last = head.charCodeAt(head.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) head = head.slice(0, -1);
  return `${head.trim()}…`;
}

/** Collects operator notes up to MAX_NOTES, then one that says how many more there were. */
export function noteList() {
  const notes: string[] = [];
  let dropped = 0;
  return {
    add(note: string) {
      if (notes.length < MAX_NOTES) notes.push(note);
      else dropped++;
    },
    list(): string[] {
      return dropped > 0 ? [...notes, `…and ${dropped.toLocaleString('en-US')} more like these.`] : [...notes];
    },
  };
}
