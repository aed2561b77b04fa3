/**
 * Status pages built to hurt a parser: each is just under the 2 MB that fetchOfficial reads,
 * and each is a shape that made the old regex readers' cost grow with the square of the input
 * (or a count that made them do a little work a great many times).
 */

/** fetchOfficial's default cap; every shape stays just under it so the fetch tests read it whole. */
export const HOSTILE_SIZE = 2 * 1024 * 1024 - 64;

const fill = (unit: string, chars: number) => unit.repeat(Math.ceil(chars / unit.length)).slice(0, Math.max(0, chars));
/** prefix + unit repeated + suffix, HOSTILE_SIZE characters in all. */
const sized = (prefix: string, unit: string, suffix = '') =>
  prefix + fill(unit, HOSTILE_SIZE - prefix.length - suffix.length) + suffix;

/** Recent enough to be read as current against test/unit/status's NOW (2025-03-04T15:00Z). */
export const RECENT = 'Tue, 04 Mar 2025 14:40:00 +0000';
const itemOpen =
  '<rss version="2.0"><channel><item><title>API errors</title>' +
  `<pubDate>${RECENT}</pubDate><link>https://status.example.com/i/1</link>`;
const itemClose = '</item></channel></rss>';

export const hostileFeeds: Record<string, string> = {
  'unclosed "<a" tags after a title': sized('<rss><channel><item><title>', '<a'),
  'a description of "&" alone': sized(`${itemOpen}<description>`, '&', `</description>${itemClose}`),
  'a description of unfinished "&#x" entities': sized(`${itemOpen}<description>`, '&#x', `</description>${itemClose}`),
  'a description of escaped "&lt;a" (HTML tags once decoded)': sized(
    `${itemOpen}<description>`,
    '&lt;a',
    `</description>${itemClose}`,
  ),
  'a CDATA description of "<a" (HTML tags, never closed)': sized(
    `${itemOpen}<description><![CDATA[`,
    '<a',
    `]]></description>${itemClose}`,
  ),
  'nested, unterminated CDATA sections': sized('<rss><channel><item><description>', '<![CDATA['),
  'unterminated comments': sized('<rss><channel>', '<!--'),
  'an unterminated DOCTYPE internal subset': sized('<!DOCTYPE rss [', '[<!'),
  'one huge, unterminated attribute': sized('<feed><entry><link href="', 'x'),
  'thousands of attributes and no ">"': sized('<feed><entry><link ', 'a="b" '),
  '"<item>" without "</item>", nested about 350,000 deep': sized('<rss><channel>', '<item>'),
  'deep nesting closed by stray end tags': sized('<rss><channel>', '<i>', fill('</b>', HOSTILE_SIZE / 2)),
  'tens of thousands of recent items': sized(
    '<rss><channel>',
    `<item><title>Outage &lt;a</title><pubDate>${RECENT}</pubDate><description>&lt;a&lt;a</description></item>`,
    '</channel></rss>',
  ),
  'tens of thousands of undated items': sized('<rss><channel>', '<item><title>t</title></item>', '</channel></rss>'),
};

const STAMP = '2025-03-04T14:33:00.000Z';
const incident = (name: string, body: string) => ({
  id: 'inc1',
  name,
  status: 'investigating',
  impact: 'major',
  shortlink: 'https://stspg.io/abc',
  updated_at: STAMP,
  incident_updates: [{ status: 'investigating', body, display_at: STAMP }],
});
/** A summary whose JSON text is HOSTILE_SIZE characters, `text` being filled to whatever is left. */
function summary(build: (text: string) => object, unit: string): string {
  const bare = JSON.stringify(build(''));
  return JSON.stringify(build(fill(unit, HOSTILE_SIZE - bare.length)));
}
const page = (extra: object) => ({
  page: { id: 'p', name: 'Example', url: 'https://status.example.com' },
  status: { indicator: 'major', description: 'Partial System Outage' },
  components: [],
  incidents: [],
  ...extra,
});

export const hostileSummaries: Record<string, string> = {
  'an incident update body of "<a<a<a…"': summary((t) => page({ incidents: [incident('API errors', t)] }), '<a'),
  'an incident name of "<a<a<a…"': summary((t) => page({ incidents: [incident(t, 'We are investigating.')] }), '<a'),
  'a component name of "<a<a<a…"': summary(
    (t) => page({ components: [{ id: 'c1', name: t, status: 'major_outage' }] }),
    '<a',
  ),
  'an overall description of "<a<a<a…"': summary((t) => page({ status: { indicator: 'major', description: t } }), '<a'),
  'an incident update body of "&" alone': summary((t) => page({ incidents: [incident('API errors', t)] }), '&'),
  'an incident update body of "&amp;lt;a"': summary(
    (t) => page({ incidents: [incident('API errors', t)] }),
    '&amp;lt;a',
  ),
  'an incident with a quarter million updates': JSON.stringify(
    page({
      incidents: [{ ...incident('API errors', 'x'), incident_updates: Array.from({ length: 250_000 }, () => ({})) }],
    }),
  ),
  'seven thousand open incidents': JSON.stringify(
    page({
      incidents: Array.from({ length: 7_000 }, (_, i) => incident(`Incident ${i}`, '<b>Investigating</b> <a<a<a<a<a')),
    }),
  ),
  'a hundred thousand components of unknown status': JSON.stringify(
    page({ components: Array.from({ length: 100_000 }, () => ({ status: 'x' })) }),
  ),
};
