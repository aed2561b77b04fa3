import escapeHtml from 'escape-html';

/**
 * The few pages a link in a mail opens. Server-rendered and script-free: they work in any
 * browser, under the site's CSP, and a mail scanner fetching them changes nothing (only the
 * form's POST does).
 */
function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} — Outage radar</title>
<style>
  body { font-family: system-ui, sans-serif; line-height: 1.5; color: #111; margin: 0; padding: 2rem 1rem; \
background: #f6f8fb; }
  main { max-width: 32rem; margin: 0 auto; background: white; border-radius: 12px; padding: 1.5rem; \
box-shadow: 0 1px 3px #0002; }
  h1 { font-size: 1.4rem; margin-top: 0; }
  button { font: inherit; font-weight: 600; padding: 0.7rem 1.3rem; border-radius: 8px; border: 0; \
background: #1d4ed8; color: white; cursor: pointer; min-height: 44px; }
  button:focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>
`;
}

export const confirmPage = (token: string, serviceName: string) =>
  page(
    'Confirm your subscription',
    `<p>One click and this address gets an email when ${escapeHtml(serviceName)} has problems, and when they are \
resolved.</p>
<form method="post" action="/api/subscriptions/confirm">
<input type="hidden" name="token" value="${escapeHtml(token)}">
<button type="submit">Confirm</button>
</form>`,
  );

export const confirmedPage = (serviceName: string, slug: string) =>
  page(
    'You are subscribed',
    `<p>We will email you when ${escapeHtml(serviceName)} has problems, and again when they are over. Every email \
has a link to unsubscribe.</p>
<p><a href="/status/${escapeHtml(slug)}">Live status of ${escapeHtml(serviceName)}</a></p>`,
  );

/** The form posts what a mail provider's one-click button posts (RFC 8058). */
export const unsubscribePage = (token: string) =>
  page(
    'Unsubscribe',
    `<p>Stop the emails about this service's problems?</p>
<form method="post" action="/api/subscriptions/unsubscribe?token=${encodeURIComponent(token)}">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">Unsubscribe</button>
</form>`,
  );

export const unsubscribedPage = () =>
  page(
    'You are unsubscribed',
    '<p>No more emails will be sent to this address about this service.</p><p><a href="/">Outage radar</a></p>',
  );

export const problemPage = (message: string) =>
  page('This link did not work', `<p role="alert">${escapeHtml(message)}</p><p><a href="/">Outage radar</a></p>`);
