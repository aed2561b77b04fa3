import type { OfficialSource, Problem, ProbeDefinitionInput, ServiceInput } from '../../../shared/index.ts';

/** Problem kinds shared by most services; each service adds the features people name. */
export const login: Problem = { id: 'login', label: 'Login', hint: "Can't sign in or stay signed in" };
export const website: Problem = { id: 'website', label: 'Website', hint: "The site or app won't load at all" };
export const errors: Problem = {
  id: 'errors',
  label: 'Error messages',
  hint: 'Something went wrong, 500, network error',
};
export const slow: Problem = { id: 'slow', label: 'Slow or degraded', hint: 'Works, but slowly or only partly' };
export const app: Problem = { id: 'app', label: 'Mobile app', hint: 'The phone app fails' };
export const api: Problem = { id: 'api', label: 'API', hint: 'Requests from code fail or time out' };
export const feature = (id: string, label: string, hint?: string): Problem => ({
  id,
  label,
  ...(hint ? { hint } : {}),
});

/** The kinds a whole category shares: a bank's people name payments, a carrier's name signal. */
export const kinds = {
  ai: [login, website, errors, feature('responses', 'Responses', 'Answers stop, hang or never arrive'), slow, app, api],
  cloud: [
    feature('console', 'Console'),
    api,
    feature('compute', 'Compute'),
    feature('storage', 'Storage'),
    feature('networking', 'Networking'),
    login,
    errors,
  ],
  dev: [website, login, api, errors, slow],
  chat: [
    feature('messages', 'Sending messages'),
    feature('connection', 'Connecting'),
    feature('calls', 'Calls'),
    login,
    app,
    feature('notifications', 'Notifications'),
  ],
  mail: [feature('receiving', 'Receiving email'), feature('sending', 'Sending email'), login, website, app, slow],
  social: [
    feature('feed', 'Feed'),
    login,
    app,
    feature('posting', 'Posting'),
    feature('messages', 'Direct messages'),
    website,
  ],
  video: [
    feature('streaming', 'Streaming', 'Videos buffer, stop or will not start'),
    login,
    app,
    website,
    feature('tv', 'TV app'),
  ],
  music: [feature('playback', 'Playback'), login, app, feature('search', 'Search'), website],
  gaming: [
    feature('online', 'Online play', 'Matchmaking, servers, disconnects'),
    login,
    feature('store', 'Store and downloads'),
    feature('party', 'Party chat'),
    website,
  ],
  bank: [
    login,
    app,
    website,
    feature('payments', 'Payments and transfers'),
    feature('cards', 'Card payments', 'Cards declined in shops or online'),
    feature('balance', 'Balance and transactions'),
  ],
  payments: [
    feature('payments', 'Sending or receiving money'),
    login,
    app,
    website,
    feature('cards', 'Card payments'),
    errors,
  ],
  carrier: [
    feature('signal', 'No signal'),
    feature('mobile-data', 'Mobile data'),
    feature('calls', 'Phone calls'),
    feature('texts', 'Texts'),
    feature('internet', 'Home internet'),
    feature('account', 'Account and app'),
  ],
  isp: [
    feature('internet', 'No internet'),
    feature('slow-internet', 'Slow internet'),
    feature('tv', 'TV'),
    feature('phone', 'Landline'),
    feature('email', 'Email'),
    feature('account', 'Account and app'),
  ],
  shop: [
    website,
    login,
    feature('checkout', 'Checkout and payment'),
    feature('orders', 'Orders and tracking'),
    app,
    feature('search', 'Search'),
  ],
  delivery: [
    app,
    login,
    feature('ordering', 'Placing orders'),
    feature('payments', 'Payments'),
    feature('tracking', 'Tracking'),
    website,
  ],
  files: [
    feature('sync', 'Sync'),
    feature('upload', 'Uploads and downloads'),
    login,
    website,
    app,
    feature('sharing', 'Sharing'),
  ],
  work: [website, login, feature('editing', 'Editing and saving'), feature('sync', 'Sync'), app, errors],
} satisfies Record<string, Problem[]>;

type HttpProbeInput = Extract<ProbeDefinitionInput, { kind: 'http' }>;

/**
 * Probes run every two minutes (DNS every five): with a hundred services that is about one
 * request a second from the prober, and a fresh start spreads their first runs out.
 */
export const http = (
  id: string,
  name: string,
  url: string,
  more: Partial<HttpProbeInput> = {},
): ProbeDefinitionInput => ({
  kind: 'http',
  id,
  name,
  url,
  intervalSeconds: 120,
  timeoutMs: 10_000,
  ...more,
});
export const homepage = (url: string, more: Partial<HttpProbeInput> = {}) => http('homepage', 'Homepage', url, more);
/**
 * Sites behind a bot wall answer a script with 403 even when all is well, so for them any
 * answer below 500 counts: what matters is that the edge answers at all and does not fail with
 * 5xx. Redirects are not followed (a 301 is an answer).
 */
export const anyAnswer = { expectStatus: { min: 200, max: 499 } };
export const dns = (hostname: string): ProbeDefinitionInput => ({
  kind: 'dns',
  id: 'dns',
  name: `DNS (${hostname})`,
  hostname,
  recordType: 'A',
  intervalSeconds: 300,
});

/** Only pages known to be Atlassian Statuspage sites (or compatible), read through their v2 summary. */
export const statuspage = (host: string): OfficialSource => ({
  kind: 'statuspage',
  url: `https://${host}/api/v2/summary.json`,
});
export const feed = (url: string): OfficialSource => ({ kind: 'feed', url });

/**
 * The common shape of a catalog entry: the homepage probed over HTTPS (any answer below 500)
 * and its name resolved, plus whatever the entry adds.
 */
export function site(
  slug: string,
  name: string,
  url: string,
  category: string,
  problems: Problem[],
  more: { aliases?: string[]; official?: OfficialSource; probes?: ProbeDefinitionInput[]; strict?: boolean } = {},
): ServiceInput {
  const home = new URL(url);
  return {
    slug,
    name,
    homepage: home.origin,
    category,
    problems,
    ...(more.aliases && { aliases: more.aliases }),
    probes: [homepage(home.href, more.strict ? {} : anyAnswer), dns(home.hostname), ...(more.probes ?? [])],
    ...(more.official && { official: more.official }),
  };
}
