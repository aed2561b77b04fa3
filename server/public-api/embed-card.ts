import { LEVEL_WORDS, type Service, type Status } from '../../shared/index.ts';
import { PAGE_NAME } from './statuspage-documents.ts';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const since = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/**
 * The embeddable status card: a whole small page, its look in embed.css and its refresh in
 * embed.js, both from our own origin; nothing inline, so it runs under a CSP with no
 * 'unsafe-inline'. Links open our site in a new tab, away from the page that frames it.
 */
export function embedCard(service: Pick<Service, 'slug' | 'name'>, status: Status, base: string): string {
  const name = escapeHtml(service.name);
  const page = `${base}/status/${encodeURIComponent(service.slug)}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${name} status — ${PAGE_NAME}</title>
<link rel="stylesheet" href="/embed/embed.css">
<script src="/embed/embed.js" defer></script>
</head>
<body>
<main id="card" class="card ${status.level}" data-level="${status.level}">
<p><a class="name" href="${escapeHtml(page)}" target="_blank" rel="noopener">${name}</a></p>
<p class="verdict"><span class="dot" aria-hidden="true"></span><span \
class="words">${LEVEL_WORDS[status.level]}</span></p>
<p class="reason">${escapeHtml(status.reasons[0] ?? '')}</p>
<p class="meta">Since <time datetime="${status.since}">${since(status.since)}</time> · <a \
href="${escapeHtml(base)}/" target="_blank" rel="noopener">${PAGE_NAME}</a></p>
</main>
</body>
</html>
`;
}
