import type { StatusLevel, WebhookEvent, WebhookStyle } from '../../shared/index.ts';

const LEVEL_WORDS: Record<StatusLevel, string> = {
  operational: 'operational',
  degraded_performance: 'degraded performance',
  partial_outage: 'a partial outage',
  major_outage: 'a major outage',
  under_maintenance: 'under maintenance',
};
const KIND_WORDS = { unplanned: 'outage', partial: 'partial outage', maintenance: 'maintenance' } as const;

type Tone = 'good' | 'info' | 'minor' | 'partial' | 'major';
/** Discord embed colours (decimal RGB) and the emoji Slack's text leads with. */
const TONES: Record<Tone, { colour: number; emoji: string }> = {
  good: { colour: 0x16a34a, emoji: '✅' },
  info: { colour: 0x2563eb, emoji: '🔧' },
  minor: { colour: 0xeab308, emoji: '🟡' },
  partial: { colour: 0xf97316, emoji: '🟠' },
  major: { colour: 0xdc2626, emoji: '🔴' },
};
const LEVEL_TONE: Record<StatusLevel, Tone> = {
  operational: 'good',
  degraded_performance: 'minor',
  partial_outage: 'partial',
  major_outage: 'major',
  under_maintenance: 'info',
};

interface Summary {
  title: string;
  detail: string;
  tone: Tone;
  url?: string;
}

/** One headline and one line of detail, the same words for every chat app. */
export function summarise(e: WebhookEvent): Summary {
  const name = e.service?.name ?? '';
  if (e.type === 'ping') return { title: 'Outage radar test', detail: e.message ?? '', tone: 'good' };
  if (e.status) {
    return {
      title: `${name} is now ${LEVEL_WORDS[e.status.level]} (was ${LEVEL_WORDS[e.status.previous]})`,
      detail: e.status.reasons[0] ?? '',
      tone: LEVEL_TONE[e.status.level],
      ...(e.service && { url: e.service.url }),
    };
  }
  const i = e.incident!;
  const what = KIND_WORDS[i.kind];
  const tone: Tone =
    e.type === 'incident.resolved'
      ? 'good'
      : i.kind === 'maintenance'
        ? 'info'
        : i.kind === 'partial'
          ? 'partial'
          : 'major';
  const verb = e.type === 'incident.opened' ? 'detected' : e.type === 'incident.resolved' ? 'resolved' : 'updated';
  const latest = i.updates.at(-1);
  const detail = e.type === 'incident.updated' && latest ? `${latest.status}: ${latest.body}` : (i.reasons[0] ?? '');
  return { title: `${name}: ${what} ${verb}`, detail, tone, url: i.url };
}

/** Slack's mrkdwn treats these three as markup; everything else is shown as typed. */
const slackEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

/** Slack incoming webhook: `text` for notifications and old clients, `blocks` for the message itself. */
export function slackBody(e: WebhookEvent) {
  const s = summarise(e);
  const headline = `${TONES[s.tone].emoji} ${s.title}`;
  return {
    text: clip(slackEscape(`${headline}${s.detail ? ` — ${s.detail}` : ''}`), 3_000),
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: clip(`*${slackEscape(headline)}*${s.detail ? `\n${slackEscape(s.detail)}` : ''}`, 3_000),
        },
      },
      ...(s.url ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: `<${s.url}|Open in Outage radar>` }] }] : []),
    ],
  };
}

/** Discord webhook: a short `content` line and one embed coloured by how bad it is; nobody gets pinged. */
export function discordBody(e: WebhookEvent) {
  const s = summarise(e);
  return {
    content: clip(`${TONES[s.tone].emoji} ${s.title}`, 2_000),
    embeds: [
      {
        title: clip(s.title, 256),
        ...(s.detail && { description: clip(s.detail, 4_096) }),
        ...(s.url && { url: s.url }),
        color: TONES[s.tone].colour,
        timestamp: e.createdAt,
        footer: { text: 'Outage radar' },
      },
    ],
    allowed_mentions: { parse: [] },
  };
}

/** The raw body sent to an endpoint of this style. */
export function renderBody(style: WebhookStyle, e: WebhookEvent): string {
  return JSON.stringify(style === 'slack' ? slackBody(e) : style === 'discord' ? discordBody(e) : e);
}
