import { describe, expect, it } from 'vitest';
import { OfficialStatus } from '../../../shared/schemas/official-status.ts';
import {
  levelOf,
  parseIncidentFeed,
  parseXml,
  readIncidentFeed,
  stateOf,
} from '../../../server/status/official/incident-feed.ts';

const NOW = Date.parse('2025-03-04T15:00:00Z');
const opts = { fetchedAt: new Date(NOW).toISOString(), now: NOW };
const parse = (xml: string) => {
  const r = parseIncidentFeed(xml, opts);
  OfficialStatus.parse(r);
  return r;
};

/** Shaped like a Statuspage history.rss: newest update first, each in its own paragraph. */
const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>Example Status - Incident History</title>
    <item>
      <title>Elevated error rates on the API</title>
      <description>&lt;p&gt;&lt;small&gt;Mar &lt;var data-var='date'&gt; 4&lt;/var&gt;, 14:40 \
UTC&lt;/small&gt;&lt;br&gt;&lt;strong&gt;Identified&lt;/strong&gt; - A bad deploy is being rolled \
back.&lt;/p&gt;&lt;p&gt;&lt;small&gt;Mar 4, 14:31 \
UTC&lt;/small&gt;&lt;br&gt;&lt;strong&gt;Investigating&lt;/strong&gt; - We are investigating an outage of the \
API.&lt;/p&gt;</description>
      <pubDate>Tue, 04 Mar 2025 14:40:00 +0000</pubDate>
      <link>https://status.example.com/incidents/abc</link>
    </item>
    <item>
      <title>Login failures</title>
      <description><![CDATA[<p><small>Mar 4, 10:02 UTC</small><br><strong>Resolved</strong> - This incident has been \
resolved.</p><p><strong>Investigating</strong> - Users are unable to log in.</p>]]></description>
      <pubDate>Tue, 04 Mar 2025 10:02:00 +0000</pubDate>
    </item>
    <item>
      <title>Webhook delays</title>
      <description>Investigating - webhooks are delayed.</description>
      <pubDate>Fri, 28 Feb 2025 09:00:00 +0000</pubDate>
    </item>
  </channel>
</rss>`;

const ATOM = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Example status</title>
  <entry>
    <title type="html">Major outage: all regions</title>
    <link rel="alternate" type="text/html" href="https://status.example.com/incidents/xyz"/>
    <updated>2025-03-04T14:50:00Z</updated>
    <content type="html">&lt;p&gt;&lt;strong&gt;Identified&lt;/strong&gt; - Our primary database is \
down.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Scheduled maintenance: storage upgrade</title>
    <updated>2025-03-04T14:00:00Z</updated>
    <summary>In progress - Scheduled maintenance is currently in progress.</summary>
  </entry>
</feed>`;

describe('parseIncidentFeed', () => {
  it('keeps the recent unresolved incident from an RSS feed and drops resolved and old ones', () => {
    const r = parse(RSS);
    expect(r).toMatchObject({ source: 'feed', level: 'degraded_performance', components: [], maintenances: [] });
    expect(r.incidents).toEqual([
      {
        name: 'Elevated error rates on the API',
        status: 'identified',
        impact: 'minor',
        url: 'https://status.example.com/incidents/abc',
        updatedAt: '2025-03-04T14:40:00.000Z',
        latestUpdate: 'Mar 4, 14:40 UTC\nIdentified - A bad deploy is being rolled back.',
      },
    ]);
    expect(r.description).toBe('1 unresolved incident: Elevated error rates on the API');
  });

  it('judges the level by the title and the latest update, not by older updates', () => {
    // "outage" appears only in the older, investigating update: the incident reads as degraded.
    expect(parse(RSS).level).toBe('degraded_performance');
    const worse = RSS.replace('A bad deploy is being rolled back.', 'The API is unavailable while we roll back.');
    expect(parse(worse).level).toBe('partial_outage');
  });

  it('reads an Atom feed with a major outage and maintenance in progress', () => {
    const r = parse(ATOM);
    expect(r.level).toBe('major_outage');
    expect(r.incidents).toMatchObject([
      {
        name: 'Major outage: all regions',
        status: 'identified',
        impact: 'critical',
        url: 'https://status.example.com/incidents/xyz',
      },
    ]);
    expect(r.maintenances).toEqual([{ name: 'Scheduled maintenance: storage upgrade', status: 'in_progress' }]);
  });

  it('shows maintenance alone as under maintenance', () => {
    const r = parse(ATOM.replace(/<entry>[\s\S]*?<\/entry>/, ''));
    expect(r.level).toBe('under_maintenance');
    expect(r.description).toBe('Maintenance in progress: Scheduled maintenance: storage upgrade');
  });

  it('reads a feed of only resolved incidents as operational', () => {
    const r = parse(RSS.replace(/<item>\s*<title>Elevated[\s\S]*?<\/item>/, ''));
    expect(r).toMatchObject({
      level: 'operational',
      incidents: [],
      description: 'No unresolved incidents in the feed',
    });
  });

  it('skips undated items with a note rather than guessing how old they are', () => {
    const r = parse(
      '<rss><channel><item><title>Outage</title><description>Investigating</description></item></channel></rss>',
    );
    expect(r.level).toBe('operational');
    expect(r.notes).toEqual(['"Outage" has no date and was skipped.']);
  });

  it.each(['{"status":"ok"}', '<html><body>Status</body></html>', ''])(
    'reads %j as degraded with a note, never throwing',
    (text) => {
      const r = parse(text);
      expect(r.level).toBe('degraded_performance');
      expect(readIncidentFeed(text, opts)).toBeNull();
    },
  );
});

describe('links in a feed', () => {
  const rssWith = (link: string) =>
    '<rss><channel><item><title>API errors</title><description>Investigating</description><pubDate>Tue, 04 ' +
    `Mar 2025 14:40:00 +0000</pubDate><link>${link}</link></item></channel></rss>`;
  const atomWith = (href: string) =>
    '<feed><entry><title>API errors</title><link rel="alternate" ' +
    `href="${href}"/><updated>2025-03-04T14:50:00Z</updated><summary>Investigating</summary></entry></feed>`;

  it.each(['https://status.example.com/incidents/abc', 'http://status.example.com/incidents/abc'])(
    'keeps an http(s) link: %s',
    (link) => {
      expect(parse(rssWith(link)).incidents[0]?.url).toBe(link);
      expect(parse(atomWith(link)).incidents[0]?.url).toBe(link);
    },
  );

  it.each(
    [
      'javascript:alert(document.cookie)',
      'JavaScript:alert(1)',
      'java&#x09;script:alert(1)',
      'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
      'vbscript:msgbox(1)',
      'ftp://status.example.com/incidents/abc',
      '/incidents/abc',
      'incidents/abc',
      '//evil.example/x',
      'not a link at all',
      `https://status.example.com/${'a'.repeat(5_000)}`,
    ].map((link) => [
      link.length > 100 ? `an https link of ${link.length.toLocaleString('en-US')} characters` : link,
      link,
    ]),
  )('drops any other link, keeping the incident: %s', (_, link) => {
    for (const xml of [rssWith(link), atomWith(link)]) {
      const [incident] = parse(xml).incidents;
      expect(incident).toMatchObject({ name: 'API errors', status: 'investigating' });
      expect(incident).not.toHaveProperty('url');
    }
  });
});

describe('fields of a feed', () => {
  it('cuts a long title to a line, marking the cut', () => {
    const title = `Elevated errors ${'on the API '.repeat(500)}`;
    const [incident] = parse(RSS.replace('Elevated error rates on the API', title)).incidents;
    expect(incident!.name.length).toBeLessThanOrEqual(300);
    expect(incident!.name).toMatch(/^Elevated errors on the API on the API .*…$/);
  });

  it('notes that only the newest items of a very long feed were read', () => {
    const item =
      '<item><title>Old news</title><pubDate>Tue, 04 Mar 2025 10:00:00 ' +
      '+0000</pubDate><description>Resolved</description></item>';
    const r = parse(`<rss><channel>${item.repeat(150)}</channel></rss>`);
    expect(r.notes).toEqual(['The feed has 150 items; only the newest 100 were read.']);
  });

  it('lists twenty undated items by title, then counts the rest', () => {
    const r = parse(`<rss><channel>${'<item><title>Undated</title></item>'.repeat(30)}</channel></rss>`);
    expect(r.notes).toHaveLength(21);
    expect(r.notes?.at(-1)).toBe('…and 10 more like these.');
  });
});

describe('stateOf', () => {
  const cases: [title: string, latest: string, state: string][] = [
    ['API errors', 'Resolved - This incident has been resolved. Investigating - ...', 'resolved'],
    ['[Resolved] API errors', 'We are investigating', 'resolved'],
    ['API errors', 'Monitoring - A fix has been implemented.', 'monitoring'],
    ['API errors', 'Update - We are continuing to investigate.', 'update'],
    ['API errors', 'Something is wrong.', 'unknown'],
  ];
  it.each(cases)('"%s" / "%s" is %s', (title, latest, state) => expect(stateOf(title, latest)).toBe(state));
});

describe('parseXml', () => {
  it('reads CDATA, entities and attributes, and ignores comments and doctypes', () => {
    const root = parseXml(
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "boom">]><!-- c --><x k=\'v &amp; w\'><y>&lt;b&gt; ' +
        '&#233;&#x41;</y><z><![CDATA[<i>raw</i>]]></z><e/></x>',
    );
    expect(root?.name).toBe('x');
    expect(root?.attrs).toEqual({ k: 'v & w' });
    expect(root?.children.map((c) => [c.name, c.text])).toEqual([
      ['y', '<b> éA'],
      ['z', '<i>raw</i>'],
      ['e', ''],
    ]);
  });
});

describe('levelOf', () => {
  const cases: [text: string, level: string][] = [
    ['Elevated error rates on the API', 'degraded_performance'],
    ['Investigating slow page loads', 'degraded_performance'],
    ['Partial outage of webhooks', 'partial_outage'],
    ['Users are unable to log in', 'partial_outage'],
    ['Major outage: all regions', 'major_outage'],
    ['The site is completely down', 'major_outage'],
  ];
  it.each(cases)('"%s" reads as %s', (text, level) => expect(levelOf(text)).toBe(level));
});
