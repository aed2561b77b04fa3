/** Same rule as the server's `linksIn` (server/experts/insight-links.ts): only http(s) becomes a link. */
const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"'`]+/gi;
/** Sentence punctuation right after a link belongs to the sentence. */
const TRAILING = /[.,;:!?)\]}]+$/;

export type TextPart = { text: string; href?: string };

/**
 * Plain text cut into runs of text and links, for a template to render as text nodes and
 * `<a>` elements: nothing in the text is ever HTML, and `javascript:` stays words.
 */
export function textParts(body: string): TextPart[] {
  const parts: TextPart[] = [];
  let at = 0;
  const push = (text: string) => {
    if (!text) return;
    const last = parts.at(-1);
    if (last && !last.href) last.text += text;
    else parts.push({ text });
  };
  for (const match of body.matchAll(URL_IN_TEXT)) {
    const raw = match[0].replace(TRAILING, '');
    let url: URL | undefined;
    try {
      url = new URL(raw);
    } catch {
      url = undefined;
    }
    push(body.slice(at, match.index));
    if (url && (url.protocol === 'http:' || url.protocol === 'https:')) parts.push({ text: raw, href: url.href });
    else push(raw);
    at = match.index + raw.length;
  }
  push(body.slice(at));
  return parts;
}
