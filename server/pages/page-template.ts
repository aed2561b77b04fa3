import { jsonForScript } from './html-text.ts';

const APP = '<div id="app"></div>';

/**
 * The built index.html cut once into the parts around what each page fills in: the head's own
 * title and description give way to the page's, the empty #app to the rendered body.
 */
export function pageTemplate(html: string): (page: { head: string; body: string; data: unknown }) => string {
  const at = html.indexOf(APP);
  if (at === -1) throw new Error('client/dist/index.html has no <div id="app"></div> to render into');
  const [top = '', headEnd = ''] = html
    .slice(0, at)
    .replace(/<title>[\s\S]*?<\/title>\s*/, '')
    .replace(/<meta name="description"[^>]*>\s*/, '')
    .split(/(?=<\/head>)/);
  const rest = html
    .slice(at + APP.length)
    .replace(
      /<noscript>[\s\S]*?<\/noscript>/,
      '<noscript><p style="text-align:center">Live updates, the graph and reporting need JavaScript; this ' +
        'is the status as it was when the page loaded.</p></noscript>',
    );
  // Data, not code: a JSON script is never run, so the CSP's script-src stays as strict as it is.
  return ({ head, body, data }) =>
    `${top}${head}\n  ${headEnd}<div id="app">${body}</div>\n    <script type="application/json" ` +
    `id="initial-data">${jsonForScript(data)}</script>${rest}`;
}
