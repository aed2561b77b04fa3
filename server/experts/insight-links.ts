const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"'`]+/gi;
/** Sentence punctuation right after a link belongs to the sentence. */
const TRAILING = /[.,;:!?)\]}]+$/;

/**
 * The http(s) links in a plain-text body, as absolute URLs, in order, without repeats. Nothing
 * else is ever a link: `javascript:` or `data:` in the text stays text.
 */
export function linksIn(body: string): string[] {
  const out: string[] = [];
  for (const match of body.match(URL_IN_TEXT) ?? []) {
    let url: URL;
    try {
      url = new URL(match.replace(TRAILING, ''));
    } catch {
      continue;
    }
    if ((url.protocol === 'http:' || url.protocol === 'https:') && !out.includes(url.href)) out.push(url.href);
  }
  return out;
}
