import type { Feed } from 'feed';
import type { Insight } from '../../shared/index.ts';
import { escapeHtml, FEED_ENTRIES, HTML_FIELDS, type FeedFormat } from '../public-api/incident-feeds.ts';

const excerpt = (s: string, n = 200) => (s.length <= n ? s : `${s.slice(0, n - 1).trimEnd()}…`);

/**
 * Adds experts' insights to a service's feed: one entry each, titled with who wrote it, the body
 * as escaped text (links stay text: a reader's feed app may link them, we never write HTML from
 * it). Entries are then ordered newest first with incidents and capped like the incidents alone.
 */
export function addInsightEntries(feed: Feed, format: FeedFormat, insights: Insight[], opts: { base: string }): void {
  const html = HTML_FIELDS[format];
  for (const i of insights) {
    const who = `${i.expert.name}, ${i.expert.roleLabel}${i.expert.affiliation ? ` (${i.expert.affiliation})` : ''}`;
    const title = `Insight from ${who}`;
    const link = `${opts.base}/status/${i.service}#insight-${i.id}`;
    feed.addItem({
      title: html.title ? escapeHtml(title) : title,
      id: link,
      link,
      date: new Date(i.createdAt),
      published: new Date(i.createdAt),
      author: [{ name: i.expert.name }],
      description: html.summary ? escapeHtml(excerpt(i.body)) : excerpt(i.body),
      content: i.body
        .split(/\n{2,}/)
        .map((p) => `<p>${escapeHtml(p).replaceAll('\n', '<br>')}</p>`)
        .join('\n'),
    });
  }
  feed.items.sort((a, b) => b.date.getTime() - a.date.getTime());
  feed.items.splice(FEED_ENTRIES);
  const newest = feed.items[0]?.date;
  if (newest && (!feed.options.updated || newest > feed.options.updated)) feed.options.updated = newest;
}
