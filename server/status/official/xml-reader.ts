import { Parser } from 'htmlparser2';
import { MAX_HTML, MAX_LINK } from './field-limits.ts';
import { runToEnd, type Steps } from './run-steps.ts';

/**
 * Reads XML into a small tree of elements, for feeds. The tokenizing is htmlparser2's in XML
 * mode: one pass over the input, whatever it holds (unclosed tags, endless entities, comments or
 * CDATA that never end), where the regex reader it replaced backtracked over the rest of the
 * input at every unclosed "<". It decodes the five XML entities and numeric ones and never
 * expands DTD entities, so entity bombs are inert.
 *
 * What the tree keeps is bounded, so a hostile document costs one linear pass and no more:
 * an element's text is cut at MAX_HTML, attribute values just past MAX_LINK (so an overlong
 * link is still seen as overlong), and reading stops at an absurd depth or element count, the
 * tree read so far being kept.
 */

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

export interface XmlRead {
  /** The document's root element, or null when there is none. */
  root: XmlElement | null;
  /** Reading stopped early, at MAX_DEPTH or MAX_ELEMENTS. */
  truncated: boolean;
}

/** Feeds nest five or six deep; XHTML content adds a few. The parser's own cost per tag grows with depth. */
const MAX_DEPTH = 64;
/** A hundred items of a dozen elements each, many times over. */
export const MAX_ELEMENTS = 20_000;
const MAX_ATTRS = 32;
const MAX_ATTR_VALUE = MAX_LINK + 1;
/** Input handed to the tokenizer between two steps: about a millisecond of work, whatever it holds. */
const CHUNK = 32_768;

function cappedAttrs(attribs: Record<string, string>): Record<string, string> {
  const attrs: Record<string, string> = {};
  let count = 0;
  for (const name in attribs) {
    if (++count > MAX_ATTRS) break;
    attrs[name] = attribs[name]!.slice(0, MAX_ATTR_VALUE);
  }
  return attrs;
}

/** Reads `xml` a chunk at a time, yielding after each chunk. */
export function* readXml(xml: string): Steps<XmlRead> {
  const doc: XmlElement = { name: '#document', attrs: {}, children: [], text: '' };
  const stack = [doc];
  let elements = 0;
  let truncated = false;
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (truncated) return;
        if (stack.length > MAX_DEPTH || ++elements > MAX_ELEMENTS) {
          truncated = true;
          return parser.pause();
        }
        const el: XmlElement = { name, attrs: cappedAttrs(attribs), children: [], text: '' };
        stack[stack.length - 1]!.children.push(el);
        stack.push(el);
      },
      // The parser closes up to the matching element and ignores stray end tags, as feeds need;
      // it reports each element it closes, so popping one per report keeps the two stacks alike.
      onclosetag() {
        if (!truncated && stack.length > 1) stack.pop();
      },
      ontext(text) {
        const top = stack[stack.length - 1]!;
        if (!truncated && top.text.length < MAX_HTML) top.text += text.slice(0, MAX_HTML - top.text.length);
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  for (let at = 0; at < xml.length && !truncated; at += CHUNK) {
    parser.write(xml.slice(at, at + CHUNK));
    yield;
  }
  if (!truncated) parser.end();
  return { root: doc.children[0] ?? null, truncated };
}

/** The document's root element, or null when the text is not XML we can read. */
export const parseXml = (xml: string): XmlElement | null => runToEnd(readXml(xml)).root;
