import type { DiagnosisCause, GuidanceSection, StatusLevel } from '../../shared/index.ts';
import { CATEGORY_GUIDANCE, OTHER_GUIDANCE } from './category-guidance.ts';

/**
 * What a page advises while a service has trouble, chosen by the verdict, the likely cause,
 * the problem most people report and the service's category. Pure. The most specific advice
 * comes first: the cause ("only some people" → check your own connection first), then the
 * problem people have, then the kind of service, then where to follow updates.
 */

export const PERSON_TITLE = 'What you can do';
export const BUSINESS_TITLE = 'If your business depends on it';
const MAX_PERSON = 6;
const MAX_BUSINESS = 5;

const CAUSE: Record<DiagnosisCause, { person: string[]; business: string[] }> = {
  'only-some-people': {
    person: [
      'Check your own connection first: open another site, or switch between Wi-Fi and mobile data.',
      'Sign out and back in, or try a private window; update or reinstall the app if only the app fails.',
    ],
    business: ['Check whether your own network, region or account is the common factor before you escalate to them.'],
  },
  maintenance: {
    person: ['Wait for the declared end of the maintenance: there is nothing to fix on your side.'],
    business: ['Move work that needs it to after the declared end of the window, and tell the people it affects.'],
  },
  'network-dns': {
    person: [
      'It is not your device: their servers cannot be reached from anywhere right now. Try again in a few minutes.',
    ],
    business: ['If you link to it or call its API, expect connection errors rather than slow answers, and fail fast.'],
  },
  'server-errors': {
    person: ['The errors come from their side: refresh once every few minutes rather than over and over.'],
    business: ['Treat its errors as temporary: retry later with backoff, and keep failed work to replay.'],
  },
  overload: {
    person: ['Try again later or outside busy hours: every retry adds to the load that is slowing it down.'],
    business: ['Retry with exponential backoff and jitter, and send only what cannot wait.'],
  },
  'cyber-attack': {
    person: [
      'Nothing to fix on your side. Follow only the official status page for news.',
      'Be wary of emails or messages about this incident that ask for your password or payment details.',
    ],
    business: [
      'Watch for phishing that uses the incident, and follow the official page before you change ' +
        'credentials or settings.',
    ],
  },
  'upstream-provider': {
    person: [
      'The trouble is at a provider they rely on; other apps may fail too, and it comes back when the ' +
        'provider recovers.',
    ],
    business: ['Check which of your own tools rely on the same provider, and switch them to their fallbacks.'],
  },
};

/** Advice for the problem most people report, by problem id (server/catalog/seed/seed-helpers.ts). */
const KIND: { ids: string[]; person: string; notWhen?: DiagnosisCause[] }[] = [
  // When it works for most, the account may well be the problem: that advice would mislead.
  {
    ids: ['login', 'account'],
    person:
      'Do not reset your password or create a new account yet: sign-in trouble during an outage is rarely ' +
      'about your account.',
    notWhen: ['only-some-people'],
  },
  { ids: ['app', 'tv'], person: 'Try the website instead of the app, or the other way round.' },
  { ids: ['website'], person: 'Try the mobile app instead of the website, or the other way round.' },
  {
    ids: ['slow', 'slow-internet', 'streaming', 'playback'],
    person: 'Give it time and avoid starting large uploads or downloads until it is back to normal.',
  },
  {
    ids: ['errors', 'responses'],
    person: 'Keep your draft: copy what you were writing before you retry, so an error does not lose it.',
  },
  {
    ids: ['messages', 'sending', 'posting', 'editing', 'upload', 'sync'],
    person: 'Keep your draft: copy what you wrote before you retry, and check later that it was not sent twice.',
  },
  {
    ids: ['payments', 'cards', 'checkout', 'ordering'],
    person: 'Check whether a payment or order went through before you try again.',
  },
  { ids: ['api'], person: 'Requests from code may fail: let scripts retry later instead of in a tight loop.' },
  {
    ids: ['signal', 'mobile-data', 'internet', 'connection', 'calls'],
    person: 'Restart your device or router once; if it still fails, others nearby likely have the same problem.',
  },
];

export interface GuidanceQuery {
  /** The service's catalog category ("AI", "Banking & payments"…). */
  category: string;
  level: StatusLevel;
  /** The problem id most people report now, if any. */
  problemKind?: string | null;
  cause?: DiagnosisCause | null;
  /** The service's official status page, when it has one, for "follow updates there". */
  officialUrl?: string | null;
  /** An operator's sections for this service: they replace the defaults. */
  override?: GuidanceSection[] | null;
}

const unique = (steps: string[]) => [...new Set(steps)];

/** Guidance for the page: none while all is well, the operator's own if set, else the defaults. */
export function guidanceFor(q: GuidanceQuery): GuidanceSection[] {
  if (q.level === 'operational' && !q.cause) return [];
  if (q.override && q.override.length > 0) return q.override;
  const cause = q.cause ? CAUSE[q.cause] : undefined;
  const category = CATEGORY_GUIDANCE[q.category] ?? OTHER_GUIDANCE;
  const kind = q.problemKind
    ? KIND.find((k) => k.ids.includes(q.problemKind!) && !(q.cause && k.notWhen?.includes(q.cause)))
    : undefined;
  const planned = q.level === 'under_maintenance' || q.cause === 'maintenance';
  const follow =
    'Follow updates here (this page updates ' +
    `live)${q.officialUrl ? ` and on their official status page: ${q.officialUrl}` : ''}.`;
  const person = unique([
    ...(cause?.person ?? []),
    // During planned work the problem people report is the work itself.
    ...(kind && !planned ? [kind.person] : []),
    ...category.person,
    follow,
  ]).slice(0, MAX_PERSON);
  const serious = q.level === 'partial_outage' || q.level === 'major_outage';
  // Planned work, or trouble for only some: no outage to announce, no fallback to switch to yet.
  const outage = serious && !planned && q.cause !== 'only-some-people';
  const business = unique([
    ...(cause?.business ?? []),
    ...(serious ? category.business : category.business.slice(0, 1)),
    ...(outage
      ? [
          'Tell your customers what is affected and where to follow updates; do not promise a time the ' +
            'service itself has not given.',
        ]
      : []),
    ...(outage && category !== OTHER_GUIDANCE ? OTHER_GUIDANCE.business : []),
  ]).slice(0, MAX_BUSINESS);
  return [
    { title: PERSON_TITLE, steps: person },
    ...(business.length > 0 ? [{ title: BUSINESS_TITLE, steps: business }] : []),
  ];
}
