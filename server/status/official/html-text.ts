import { Parser } from 'htmlparser2';
import { clip, MAX_HTML, MAX_UPDATE } from './field-limits.ts';

/**
 * Status updates are HTML-ish (Statuspage bodies, feed descriptions); people read them as
 * text. A real HTML tokenizer does the reading: its cost grows with the length of the input,
 * where tag-stripping regexes grew with its square on unclosed tags. The input is cut to
 * MAX_HTML first, so one update costs at most a millisecond or so whatever the page sends.
 */

/** Their text is code or styling, not words for people. */
const HIDDEN = new Set(['script', 'style', 'template', 'noscript']);
/**
 * Deeper than any real update; the tokenizer's own cost per tag grows with the depth, so past
 * this the rest is not read.
 */
const MAX_DEPTH = 256;

function textOf(html: string, firstParagraphOnly: boolean): string {
  const parts: string[] = [];
  let length = 0;
  let depth = 0;
  let hidden = 0;
  let stopped = false;
  const stop = () => {
    stopped = true;
    parser.pause();
  };
  const parser = new Parser(
    {
      onopentag(name) {
        if (stopped) return;
        if (++depth > MAX_DEPTH) return stop();
        if (HIDDEN.has(name)) hidden++;
        else if (name === 'br') parts.push('\n');
      },
      onclosetag(name) {
        if (stopped) return;
        depth--;
        if (HIDDEN.has(name)) hidden = Math.max(0, hidden - 1);
        else if (firstParagraphOnly && name === 'p') stop();
      },
      ontext(text) {
        if (stopped || hidden > 0) return;
        parts.push(text);
        // Twice the kept length leaves room for the whitespace that is collapsed below.
        if ((length += text.length) > 2 * MAX_UPDATE) stop();
      },
    },
    { decodeEntities: true },
  );
  parser.write(html.slice(0, MAX_HTML));
  if (!stopped) parser.end();
  // Newlines from <br> are kept: updates use them to separate a timestamp from the words.
  return clip(parts.join('').replace(/[ \t\u00a0]+/g, ' '), MAX_UPDATE);
}

/** The text of an HTML fragment, <br> as a newline, runs of spaces as one. */
export const plainText = (html: string): string => textOf(html, false);

/** The text up to the end of the first paragraph: a Statuspage feed item puts its newest update there. */
export const firstParagraphText = (html: string): string => textOf(html, true);
