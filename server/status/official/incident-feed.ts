import type { StatusLevel } from '../../../shared/schemas/status.ts';
import {
  worstLevel,
  type OfficialIncident,
  type OfficialMaintenance,
  type OfficialStatus,
} from '../../../shared/schemas/official-status.ts';
import { clip, MAX_DESCRIPTION, MAX_ENTRIES, MAX_NAME, MAX_WORD, noteList } from './field-limits.ts';
import { firstParagraphText } from './html-text.ts';
import { httpLink } from './http-link.ts';
import { runToEnd, type Steps } from './run-steps.ts';
import { MAX_ELEMENTS, readXml, type XmlElement } from './xml-reader.ts';

export { parseXml, type XmlElement } from './xml-reader.ts';

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
 * A feed is read with a real XML tokenizer (xml-reader.ts) and every field is cut to the
 * lengths in field-limits.ts before words are looked for in it, so a 2 MB hostile feed costs
 * one linear pass.
 */

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

/** Dates are short; a long "date" is not one, and is not worth the date parser's time. */
const timeOf = (text: string) => Date.parse(text.slice(0, MAX_WORD));

function feedItem(title: string, body: string, link: string | undefined, at: number): FeedItem {
  return { title: clip(title, MAX_NAME), body, ...(link && { link }), ...(Number.isFinite(at) && { at }) };
}

/** The feed's items, newest first as feeds list them; null when the root is neither RSS nor Atom. */
function feedItems(root: XmlElement): XmlElement[] | null {
  const kind = local(root.name);
  if (kind === 'feed') return children(root, 'entry');
  if (kind === 'rss' || kind === 'rdf') return [...children(child(root, 'channel'), 'item'), ...children(root, 'item')];
  return null;
}

function readItem(el: XmlElement): FeedItem {
  if (local(el.name) === 'entry') {
    const links = children(el, 'link');
    const href = (links.find((l) => !l.attrs.rel || l.attrs.rel === 'alternate') ?? links[0])?.attrs.href;
    return feedItem(
      textOf(child(el, 'title')),
      textOf(child(el, 'content', 'summary')),
      httpLink(href),
      timeOf(textOf(child(el, 'updated', 'published'))),
    );
  }
  return feedItem(
    textOf(child(el, 'title')),
    textOf(child(el, 'content:encoded', 'description')),
    httpLink(textOf(child(el, 'link'))),
    timeOf(textOf(child(el, 'pubdate', 'date', 'updated'))),
  );
}

/** State words, earliest in the text wins (feeds put the newest update first). */
const STATE_WORDS: [state: string, pattern: RegExp][] = [
  [
    'resolved',
    /\b(resolved|fixed|restored|recovered|postmortem|back to normal|operating normally|fully operational)\b/i,
  ],
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
  if (/\b(major|complete|full|total|global|widespread) outage\b|\bcompletely (down|unavailable)\b/i.test(text))
    return 'major_outage';
  if (/\boutage\b|\bunavailable\b|\bunreachable\b|\bis down\b|\bare down\b|\bnot loading\b|\bunable to\b/i.test(text))
    return 'partial_outage';
  return 'degraded_performance';
}

const IMPACT: Record<StatusLevel, string> = {
  operational: 'none',
  under_maintenance: 'maintenance',
  degraded_performance: 'minor',
  partial_outage: 'major',
  major_outage: 'critical',
};

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
export const readIncidentFeed = (xml: string, opts: FeedOptions): OfficialStatus | null =>
  runToEnd(incidentFeedSteps(xml, opts));

/** readIncidentFeed as steps, so the server can read a large feed without holding up everything else (run-steps.ts). */
export function* incidentFeedSteps(xml: string, opts: FeedOptions): Steps<OfficialStatus | null> {
  const { fetchedAt, now, recentHours = 24 } = opts;
  const notes = noteList();
  const read = yield* readXml(xml);
  const elements = read.root && feedItems(read.root);
  if (!elements) return null;
  if (read.truncated)
    notes.add(
      `The feed nests too deeply or holds more than ${MAX_ELEMENTS.toLocaleString('en-US')} elements; only ` +
        'the part before that was read.',
    );
  // Feeds list the newest first (Statuspage's, Atom's by convention): the items past the cap are history.
  if (elements.length > MAX_ENTRIES)
    notes.add(
      `The feed has ${elements.length.toLocaleString('en-US')} items; only the newest ${MAX_ENTRIES} were read.`,
    );

  const incidents: OfficialIncident[] = [];
  const maintenances: OfficialMaintenance[] = [];
  const levels: StatusLevel[] = [];
  for (const element of elements.slice(0, MAX_ENTRIES)) {
    yield;
    const item = readItem(element);
    if (item.at === undefined) {
      notes.add(`"${item.title}" has no date and was skipped.`);
      continue;
    }
    if (now - item.at > recentHours * 3_600_000) continue;
    // The newest update only: the first paragraph when the body has paragraphs (Statuspage's does).
    const latest = firstParagraphText(item.body);
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
      ? `${incidents.length} unresolved incident${incidents.length === 1 ? '' : 's'}: ` +
        `${incidents.map((i) => i.name).join('; ')}`
      : level === 'under_maintenance'
        ? `Maintenance in progress: ${maintenances.map((m) => m.name).join('; ')}`
        : 'No unresolved incidents in the feed';
  const noted = notes.list();
  return {
    source: 'feed',
    fetchedAt,
    level,
    description: clip(description, MAX_DESCRIPTION),
    components: [],
    incidents,
    maintenances,
    ...(noted.length > 0 && { notes: noted }),
  };
}
