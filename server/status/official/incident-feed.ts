import type { StatusLevel } from '../../../shared/schemas/status.ts';
import { worstLevel, type OfficialIncident, type OfficialMaintenance, type OfficialStatus } from '../../../shared/schemas/official-status.ts';
import { plainText } from './statuspage-v2.ts';

/**
 * Reads an RSS 2.0 or Atom incident feed (Statuspage, Instatus, status.io and most others
 * publish one) into an OfficialStatus. Pure and never throws.
 *
 * Feeds carry words, not levels, so the reading is deliberately conservative: only recent
 * items whose latest update does not say resolved/completed count; an open incident is
 * "degraded" unless its title or latest update names an outage ("partial" for an outage,
 * "major" only for an explicit major/complete outage). Feeds list the newest update first, so
 * the first status word in an item's text is its current state.
 *
 * The XML reader below is minimal on purpose: elements, attributes, text, CDATA and the five
 * predefined plus numeric entities. It never expands DTD entities, so entity bombs are inert.
 */

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const decodeEntities = (s: string) =>
  s.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" } as Record<string, string>)[e]!;
  });

/** The document's root element, or null when the text is not XML we can read. */
export function parseXml(xml: string): XmlElement | null {
  const root: XmlElement = { name: '#document', attrs: {}, children: [], text: '' };
  const stack = [root];
  const token = /<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<\?[\s\S]*?\?>|<!DOCTYPE(?:[^[>]|\[[\s\S]*?\])*>|<\/\s*([^\s>]+)\s*>|<([^\s/>!?]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)|</gi;
  for (const m of xml.matchAll(token)) {
    const top = stack[stack.length - 1]!;
    if (m[1] !== undefined) top.text += m[1];
    else if (m[2] !== undefined) {
      // Tolerate sloppy nesting: close up to the matching element, ignore a stray end tag.
      const at = stack.map((e) => e.name).lastIndexOf(m[2]);
      if (at > 0) stack.length = at;
    } else if (m[3] !== undefined) {
      const attrs: Record<string, string> = {};
      for (const a of (m[4] ?? '').matchAll(/([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attrs[a[1]!] = decodeEntities(a[2] ?? a[3] ?? '');
      const el: XmlElement = { name: m[3], attrs, children: [], text: '' };
      top.children.push(el);
      if (m[5] !== '/') stack.push(el);
    } else top.text += decodeEntities(m[6] ?? m[0]);
  }
  return root.children[0] ?? null;
}

const local = (name: string) => name.slice(name.indexOf(':') + 1).toLowerCase();
const child = (el: XmlElement | undefined, ...names: string[]) => {
  for (const n of names) {
    const found = el?.children.find((c) => c.name.toLowerCase() === n || local(c.name) === n);
    if (found) return found;
  }
  return undefined;
};
const children = (el: XmlElement | undefined, name: string) => el?.children.filter((c) => local(c.name) === name) ?? [];
const textOf = (el: XmlElement | undefined) => el?.text.trim() ?? '';

interface FeedItem {
  title: string;
  /** HTML or text; the newest update first. */
  body: string;
  link?: string;
  at?: number;
}

function feedItems(root: XmlElement): FeedItem[] | null {
  const kind = local(root.name);
  if (kind === 'feed') {
    return children(root, 'entry').map((e) => {
      const links = children(e, 'link');
      const link = (links.find((l) => !l.attrs.rel || l.attrs.rel === 'alternate') ?? links[0])?.attrs.href;
      const at = Date.parse(textOf(child(e, 'updated', 'published')));
      return { title: textOf(child(e, 'title')), body: textOf(child(e, 'content', 'summary')), ...(link && { link }), ...(Number.isFinite(at) && { at }) };
    });
  }
  if (kind === 'rss' || kind === 'rdf') {
    const channel = child(root, 'channel');
    const items = [...children(channel, 'item'), ...children(root, 'item')];
    return items.map((i) => {
      const link = textOf(child(i, 'link')) || undefined;
      const at = Date.parse(textOf(child(i, 'pubdate', 'date', 'updated')));
      return { title: textOf(child(i, 'title')), body: textOf(child(i, 'content:encoded', 'description')), ...(link && { link }), ...(Number.isFinite(at) && { at }) };
    });
  }
  return null;
}

/** State words, earliest in the text wins (feeds put the newest update first). */
const STATE_WORDS: [state: string, pattern: RegExp][] = [
  ['resolved', /\b(resolved|fixed|restored|recovered|postmortem|back to normal|operating normally|fully operational)\b/i],
  ['completed', /\b(completed|has ended|is complete)\b/i],
  ['in_progress', /\b(in progress|underway|has begun|is being performed)\b/i],
  ['verifying', /\bverifying\b/i],
  ['monitoring', /\bmonitoring\b/i],
  ['identified', /\bidentified\b/i],
  ['investigating', /\binvestigating\b/i],
  ['scheduled', /\bscheduled\b/i],
  ['update', /\bupdate\b/i],
];

export function stateOf(title: string, latest: string): string {
  const title_ = /^\s*\[?\s*(resolved|completed)\b/i.exec(title);
  if (title_) return title_[1]!.toLowerCase();
  let best: { state: string; index: number } | undefined;
  for (const [state, pattern] of STATE_WORDS) {
    const m = pattern.exec(latest);
    if (m && (!best || m.index < best.index)) best = { state, index: m.index };
  }
  return best?.state ?? 'unknown';
}

/** Level named by the words; an open incident with no outage words is "degraded". */
export function levelOf(text: string): StatusLevel {
  if (/\b(major|complete|full|total|global|widespread) outage\b|\bcompletely (down|unavailable)\b/i.test(text)) return 'major_outage';
  if (/\boutage\b|\bunavailable\b|\bunreachable\b|\bis down\b|\bare down\b|\bnot loading\b|\bunable to\b/i.test(text)) return 'partial_outage';
  return 'degraded_performance';
}

const IMPACT: Record<StatusLevel, string> = {
  operational: 'none',
  under_maintenance: 'maintenance',
  degraded_performance: 'minor',
  partial_outage: 'major',
  major_outage: 'critical',
};

/** The newest update only: the first paragraph when the body has paragraphs (Statuspage does). */
const latestUpdate = (body: string) => plainText(/^[\s\S]*?<\/p>/i.exec(body)?.[0] ?? body);

export interface FeedOptions {
  fetchedAt: string;
  now: number;
  /** Items older than this are history, whatever they say: their resolution may have scrolled off. */
  recentHours?: number;
}

export function parseIncidentFeed(xml: string, opts: FeedOptions): OfficialStatus {
  return (
    readIncidentFeed(xml, opts) ?? {
      source: 'feed',
      fetchedAt: opts.fetchedAt,
      level: 'degraded_performance',
      description: 'The status feed could not be read as RSS or Atom',
      components: [],
      incidents: [],
      maintenances: [],
      notes: ['The feed is not RSS 2.0 or Atom; level shown as degraded because nothing could be read.'],
    }
  );
}

/** Like parseIncidentFeed, but null when the text is not an RSS or Atom feed at all. */
export function readIncidentFeed(xml: string, opts: FeedOptions): OfficialStatus | null {
  const { fetchedAt, now, recentHours = 24 } = opts;
  const notes: string[] = [];
  const root = parseXml(xml);
  const items = root && feedItems(root);
  if (!items) return null;

  const incidents: OfficialIncident[] = [];
  const maintenances: OfficialMaintenance[] = [];
  const levels: StatusLevel[] = [];
  for (const item of items) {
    if (item.at === undefined) {
      notes.push(`"${item.title}" has no date and was skipped.`);
      continue;
    }
    if (now - item.at > recentHours * 3_600_000) continue;
    const latest = latestUpdate(item.body);
    const state = stateOf(item.title, latest);
    if (state === 'resolved' || state === 'completed') continue;
    const updatedAt = new Date(item.at).toISOString();
    if (/\bmaintenance\b/i.test(item.title) || state === 'scheduled' || state === 'in_progress') {
      const status = state === 'in_progress' || state === 'verifying' ? state : 'scheduled';
      maintenances.push({ name: item.title || 'Maintenance', status });
      if (status !== 'scheduled') levels.push('under_maintenance');
      continue;
    }
    const level = levelOf(`${item.title}\n${latest}`);
    levels.push(level);
    incidents.push({
      name: item.title || 'Untitled incident',
      status: state,
      impact: IMPACT[level],
      ...(item.link && { url: item.link }),
      updatedAt,
      ...(latest && { latestUpdate: latest }),
    });
  }

  const level = worstLevel(levels);
  const description =
    incidents.length > 0
      ? `${incidents.length} unresolved incident${incidents.length === 1 ? '' : 's'}: ${incidents.map((i) => i.name).join('; ')}`
      : level === 'under_maintenance'
        ? `Maintenance in progress: ${maintenances.map((m) => m.name).join('; ')}`
        : 'No unresolved incidents in the feed';
  return { source: 'feed', fetchedAt, level, description, components: [], incidents, maintenances, ...(notes.length > 0 && { notes }) };
}
