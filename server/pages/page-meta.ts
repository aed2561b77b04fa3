import type { IncidentDetail, Incident, ServiceDetail, Story } from '../../shared/index.ts';
import { levelLabel } from '../../shared/constants.ts';
import { incidentTitle, serviceTitle, SITE_NAME, storyTitle } from '../../shared/page-titles.ts';
import { clip, escapeHtml, jsonForScript } from './html-text.ts';

export { SITE_NAME };

/** What a page says about itself to search engines and link previews. */
export interface PageMeta {
  title: string;
  description: string;
  /** Absolute. */
  canonical: string;
  /** Absolute; the service's preview image. */
  image?: string;
  imageAlt?: string;
  type: 'website' | 'article';
  jsonLd?: Record<string, unknown>;
  noindex?: boolean;
  /** Feed readers find these by the page's address (RSS/Atom autodiscovery). */
  feeds?: { title: string; href: string }[];
}

// The server has no reader's locale or zone: numbers in English, times in UTC and said so.
const count = (n: number) => Math.round(n).toLocaleString('en-US');
const utcTime = (iso: string) => `${iso.slice(11, 16)} UTC`;
const utcDay = (iso: string) =>
  new Date(iso).toLocaleDateString('en-US', {
    timeZone: 'UTC',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  });
const sentence = (s: string) => (/[.!?…]$/.test(s) ? s : `${s}.`);

const kindText: Record<Incident['kind'], string> = {
  unplanned: 'Unplanned outage',
  partial: 'Partial outage',
  maintenance: 'Scheduled maintenance',
};

export const imageOf = (base: string, slug: string) => `${base}/og/${encodeURIComponent(slug)}.png`;

const serviceThing = (name: string, homepage: string) => ({ '@type': 'Service', name, url: homepage });
const website = (base: string) => ({ '@type': 'WebSite', name: SITE_NAME, url: `${base}/` });

export function serviceMeta(d: ServiceDetail, base: string, now: number): PageMeta {
  const { name, slug } = d.service;
  const canonical = `${base}/status/${slug}`;
  const numbers = `${count(d.stats.lastHour)} reports in the last hour, ${count(d.stats.last24h)} in 24 hours`;
  const title = serviceTitle(name, d.status.level, d.stats.lastHour);
  const verdict =
    d.status.level === 'operational'
      ? `No problems detected with ${name}`
      : `${name}: ${levelLabel[d.status.level]} since ${utcTime(d.status.since)}`;
  const reasons = d.status.reasons.map(sentence).join(' ');
  const description = clip(`${sentence(verdict)} ${sentence(numbers)} ${reasons}`, 300);
  return {
    title,
    description,
    canonical,
    image: imageOf(base, slug),
    imageAlt: `${name}: ${levelLabel[d.status.level]}, ${count(d.stats.lastHour)} reports in the last hour`,
    type: 'website',
    feeds: [{ title: `${name} incidents`, href: `${base}/feeds/services/${encodeURIComponent(slug)}.atom` }],
    jsonLd: {
      '@context': 'https://schema.org',
      '@type': 'WebPage',
      name: title,
      url: canonical,
      description,
      inLanguage: 'en',
      dateModified: new Date(now).toISOString(),
      about: serviceThing(name, d.service.homepage),
      isPartOf: website(base),
    },
  };
}

export function incidentMeta(i: IncidentDetail, homepage: string | undefined, base: string): PageMeta {
  const canonical = `${base}/incidents/${i.id}`;
  const state =
    i.state === 'open'
      ? `ongoing since ${utcTime(i.startedAt)}`
      : `resolved at ${utcTime(i.resolvedAt ?? i.startedAt)}`;
  const headline = `${kindText[i.kind]} of ${i.serviceName}, ${utcDay(i.startedAt)}`;
  const peak =
    `Peak: ${count(i.peak.observed)} reports in ${Math.round(i.peak.windowMinutes)} min at ` +
    `${utcTime(i.peak.at)}, about ${Math.round(i.peak.expected * 10) / 10} usual ` +
    `(${Math.round(i.peak.ratio * 10) / 10}× above).`;
  const description = clip(`${headline}, ${state}. ${i.reasons.map(sentence).join(' ')} ${peak}`, 300);
  const modified = [i.openedAt, i.resolvedAt, ...i.updates.map((u) => u.at)]
    .filter((t): t is string => !!t)
    .sort()
    .at(-1)!;
  return {
    title: incidentTitle(i.kind, i.serviceName, utcDay(i.startedAt), i.state === 'open'),
    description,
    canonical,
    image: imageOf(base, i.service),
    imageAlt: `${i.serviceName}: current status`,
    type: 'article',
    jsonLd: {
      '@context': 'https://schema.org',
      // A report the site writes about what it observed, not a news article.
      '@type': 'Report',
      headline,
      description,
      url: canonical,
      inLanguage: 'en',
      datePublished: i.openedAt,
      dateModified: modified,
      author: { '@type': 'Organization', name: SITE_NAME, url: `${base}/` },
      ...(homepage ? { about: serviceThing(i.serviceName, homepage) } : {}),
      isPartOf: website(base),
    },
  };
}

export function storyMeta(s: Story, service: { name: string; homepage: string } | undefined, base: string): PageMeta {
  const canonical = `${base}/stories/${s.id}`;
  const serviceName = service?.name ?? s.service;
  const author = s.displayName ?? 'Anonymous';
  return {
    title: storyTitle(s.title, s.kind, serviceName),
    description: clip(`${author} on ${serviceName}: ${s.body}`, 240),
    canonical,
    image: imageOf(base, s.service),
    imageAlt: `${serviceName}: current status`,
    type: 'article',
    jsonLd: {
      '@context': 'https://schema.org',
      '@type': 'SocialMediaPosting',
      headline: clip(s.title, 110),
      articleBody: s.body,
      url: canonical,
      inLanguage: 'en',
      datePublished: s.createdAt,
      author: { '@type': 'Person', name: author },
      ...(service ? { about: serviceThing(service.name, service.homepage) } : {}),
      interactionStatistic: {
        '@type': 'InteractionCounter',
        interactionType: 'https://schema.org/LikeAction',
        userInteractionCount: s.helpful,
      },
      isPartOf: website(base),
    },
  };
}

/** For a page that is not there: says so, and asks not to be indexed. */
export function notFoundMeta(base: string, path: string): PageMeta {
  return {
    title: `Page not found | ${SITE_NAME}`,
    description: 'That address is not a page here.',
    canonical: `${base}${path}`,
    type: 'website',
    noindex: true,
  };
}

/** The tags that go into <head>, every value escaped for its place. */
export function headTags(m: PageMeta, base: string): string {
  const meta = (attr: 'name' | 'property', key: string, value: string) =>
    `<meta ${attr}="${key}" content="${escapeHtml(value)}" />`;
  const tags = [
    `<title>${escapeHtml(m.title)}</title>`,
    meta('name', 'description', m.description),
    m.noindex ? meta('name', 'robots', 'noindex') : `<link rel="canonical" href="${escapeHtml(m.canonical)}" />`,
    meta('property', 'og:site_name', SITE_NAME),
    meta('property', 'og:type', m.type),
    meta('property', 'og:title', m.title),
    meta('property', 'og:description', m.description),
    meta('property', 'og:url', m.canonical),
    meta('name', 'twitter:card', m.image ? 'summary_large_image' : 'summary'),
    meta('name', 'twitter:title', m.title),
    meta('name', 'twitter:description', m.description),
  ];
  if (m.image) {
    tags.push(
      meta('property', 'og:image', m.image),
      meta('property', 'og:image:width', '1200'),
      meta('property', 'og:image:height', '630'),
      meta('property', 'og:image:alt', m.imageAlt ?? m.title),
      meta('name', 'twitter:image', m.image),
    );
  }
  for (const feed of [
    ...(m.feeds ?? []),
    { title: `${SITE_NAME}: all incidents`, href: `${base}/feeds/incidents.atom` },
  ]) {
    tags.push(
      `<link rel="alternate" type="application/atom+xml" title="${escapeHtml(feed.title)}" ` +
        `href="${escapeHtml(feed.href)}" />`,
    );
  }
  if (m.jsonLd) tags.push(`<script type="application/ld+json">${jsonForScript(m.jsonLd)}</script>`);
  return tags.join('\n    ');
}
