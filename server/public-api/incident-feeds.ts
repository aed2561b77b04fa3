import { Feed } from 'feed';
import type { Incident } from '../../shared/index.ts';
import { PAGE_NAME } from './statuspage-documents.ts';
import { statuspageIncident } from './statuspage-incidents.ts';

/** Enough for a reader that checks hourly to miss nothing on a busy day. */
export const FEED_ENTRIES = 30;

export type FeedFormat = 'atom' | 'rss' | 'json';

export const FEED_TYPES: Record<FeedFormat, string> = {
  atom: 'application/atom+xml; charset=utf-8',
  rss: 'application/rss+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const STATUS_WORDS: Record<string, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
};
const when = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

/**
 * What each format's fields hold: Atom's title and summary are declared type="html" by the
 * package, RSS's description is HTML by convention, JSON Feed's title and summary are plain text.
 */
export const HTML_FIELDS: Record<FeedFormat, { title: boolean; summary: boolean }> = {
  atom: { title: true, summary: true },
  rss: { title: false, summary: true },
  json: { title: false, summary: false },
};

/**
 * A feed of incidents, newest first: each entry is one incident, its content the whole timeline
 * (the detection, operators' updates, the resolution) in the words of the Statuspage API, so a
 * feed reader and a status widget tell the same story. User text is escaped here, for the format.
 */
export function incidentFeed(
  format: FeedFormat,
  opts: {
    incidents: Incident[];
    names: Map<string, string>;
    base: string;
    now: number;
    /** The feed's own address without its extension: `${self}.atom`, `.rss`, `.json`. */
    self: string;
    title: string;
    /** The page the feed is about. */
    home: string;
  },
): Feed {
  const entries = opts.incidents.slice(0, FEED_ENTRIES).map((incident) =>
    statuspageIncident(incident, {
      pageId: '',
      base: opts.base,
      serviceName: opts.names.get(incident.service) ?? incident.service,
      component: undefined,
    }),
  );
  const feed = new Feed({
    id: `${opts.self}.atom`,
    title: opts.title,
    description: `Incidents detected from user reports on ${PAGE_NAME}, with operators' updates.`,
    link: opts.home,
    language: 'en',
    generator: PAGE_NAME,
    updated: new Date(
      entries
        .map((e) => e.updated_at)
        .sort()
        .at(-1) ?? opts.now,
    ),
    feedLinks: { atom: `${opts.self}.atom`, rss: `${opts.self}.rss`, json: `${opts.self}.json` },
    copyright: `${PAGE_NAME} and its reporters`,
  });
  const html = HTML_FIELDS[format];
  for (const e of entries) {
    const title = e.status === 'resolved' ? `Resolved: ${e.name}` : e.name;
    const summary = e.incident_updates[0]!.body;
    const timeline = e.incident_updates
      .map(
        (u) =>
          `<p><strong>${STATUS_WORDS[u.status] ?? u.status}</strong> — ` +
          `${when(u.display_at)}<br>${escapeHtml(u.body)}</p>`,
      )
      .join('\n');
    feed.addItem({
      title: html.title ? escapeHtml(title) : title,
      id: e.shortlink,
      link: e.shortlink,
      date: new Date(e.updated_at),
      published: new Date(e.created_at),
      description: html.summary ? escapeHtml(summary) : summary,
      content: timeline,
    });
  }
  return feed;
}

/**
 * The feed in the format it was built for. The package writes JSON Feed 1; 1.1 only renames and adds, so it is lifted
 * here.
 */
export function renderFeed(feed: Feed, format: FeedFormat): string {
  if (format === 'atom') return feed.atom1();
  if (format === 'rss') return feed.rss2();
  const json = JSON.parse(feed.json1()) as Record<string, unknown>;
  return JSON.stringify({ ...json, version: 'https://jsonfeed.org/version/1.1', language: 'en' }, null, 2);
}
