import { escapeHtml } from './html-text.ts';

export interface SitemapEntry {
  /** Absolute. */
  loc: string;
  /** ISO 8601 (W3C datetime). */
  lastmod?: string;
}

/** A sitemaps.org urlset; every value escaped (the five XML entities are the HTML ones). */
export function sitemapXml(entries: SitemapEntry[]): string {
  const urls = entries.map(
    (e) =>
      `  <url><loc>${escapeHtml(e.loc)}</loc>${e.lastmod ? `<lastmod>${escapeHtml(e.lastmod)}</lastmod>` : ''}</url>`,
  );
  const open = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">';
  return `<?xml version="1.0" encoding="UTF-8"?>\n${open}\n${urls.join('\n')}\n</urlset>\n`;
}

/**
 * What crawlers may read: the public pages, not the API (its data is on the pages), the operators' page or framed
 * widgets.
 */
export function robotsTxt(base: string): string {
  return [
    'User-agent: *',
    'Allow: /',
    'Disallow: /api/',
    'Disallow: /admin',
    'Disallow: /embed/',
    '',
    `Sitemap: ${base}/sitemap.xml`,
    '',
  ].join('\n');
}

/** The latest of some ISO times (they sort as strings). */
export const latest = (times: (string | undefined | null)[]) =>
  times
    .filter((t): t is string => !!t)
    .sort()
    .at(-1);
