// The status card refreshes itself: every 30 s it fetches its own address again (the ETag makes
// an unchanged card a 304) and swaps in the new card. Served from the site itself, not inline,
// so it runs under the card's strict Content-Security-Policy.
const REFRESH_MS = 30_000;

async function refresh() {
  try {
    const res = await fetch(location.href, { cache: 'no-cache', headers: { accept: 'text/html' } });
    if (!res.ok) return;
    const next = new DOMParser().parseFromString(await res.text(), 'text/html').getElementById('card');
    const card = document.getElementById('card');
    if (next && card) card.replaceWith(document.importNode(next, true));
  } catch {
    // Offline for a moment: the card keeps what it showed and tries again next time.
  }
}

setInterval(refresh, REFRESH_MS);
