import escapeHtml from 'escape-html';
import type { Incident } from '../../shared/index.ts';

/** A mail ready to queue: plain text for every client, simple HTML for those that prefer it. */
export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

export interface MailLinks {
  /** Absolute, without a trailing slash (PUBLIC_URL, or the server's own address). */
  base: string;
  unsubscribe: string;
}

/** Times in mail are UTC and say so: the reader's zone is unknown. */
const hhmm = (iso: string) => `${new Date(iso).toISOString().slice(11, 16)} UTC`;

const minutesBetween = (from: string, to: string) => {
  const m = Math.max(1, Math.round((Date.parse(to) - Date.parse(from)) / 60_000));
  return m < 90 ? `${m} minutes` : `${Math.floor(m / 60)} h ${m % 60} min`;
};

/** Paragraphs of plain text (a line that starts with "- " is a list item, "→ " a link line). */
type Block = string | { link: string; label: string } | string[];

function render(subject: string, blocks: Block[], footer: string, unsubscribe?: string): MailContent {
  const text = [
    ...blocks.map((b) =>
      typeof b === 'string' ? b : Array.isArray(b) ? b.map((l) => `- ${l}`).join('\n') : `${b.label}: ${b.link}`,
    ),
    '--',
    footer,
    ...(unsubscribe ? [`Unsubscribe: ${unsubscribe}`] : []),
  ].join('\n\n');
  const para = (b: Block) =>
    typeof b === 'string'
      ? `<p>${escapeHtml(b)}</p>`
      : Array.isArray(b)
        ? `<ul>${b.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`
        : `<p><a href="${escapeHtml(b.link)}">${escapeHtml(b.label)}</a></p>`;
  const unsubscribeLink = unsubscribe ? ` <a href="${escapeHtml(unsubscribe)}">Unsubscribe</a>` : '';
  const html = [
    '<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#111;max-width:36rem">',
    ...blocks.map(para),
    `<hr><p style="color:#555;font-size:0.9em">${escapeHtml(footer)}${unsubscribeLink}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text: `${text}\n`, html };
}

const why = (name: string) => `You get this because you asked Outage radar to email you when ${name} has problems.`;

export function confirmationMail(name: string, confirmUrl: string): MailContent {
  return render(
    `Confirm: email me when ${name} has problems`,
    [
      `Someone (we hope you) asked Outage radar to email this address when ${name} has problems.`,
      { label: 'Confirm the subscription', link: confirmUrl },
      'The link works for 48 hours. If you did not ask, ignore this mail: nothing more will be sent.',
    ],
    'Outage radar — crowdsourced outage reports.',
  );
}

export function alreadySubscribedMail(name: string, links: MailLinks, slug: string): MailContent {
  return render(
    `You already get emails about ${name}`,
    [
      `This address already gets an email when ${name} has problems; nothing changed.`,
      { label: `Live status of ${name}`, link: `${links.base}/status/${slug}` },
    ],
    why(name),
    links.unsubscribe,
  );
}

export function incidentOpenedMail(name: string, incident: Incident, links: MailLinks): MailContent {
  const since = hhmm(incident.startedAt);
  const top = incident.topProblems.slice(0, 3).map((p) => `${p.label} (${Math.round(p.share * 100)}%)`);
  return render(
    `${name}: users report problems since ${since}`,
    [
      `People are reporting problems with ${name} since ${since}.`,
      incident.reasons.length ? incident.reasons : ['Reports rose far above what is usual at this time.'],
      ...(top.length ? [`Most reported: ${top.join(', ')}.`] : []),
      { label: 'Live status', link: `${links.base}/status/${incident.service}` },
      { label: 'This incident', link: `${links.base}/incidents/${incident.id}` },
    ],
    why(name),
    links.unsubscribe,
  );
}

export function incidentResolvedMail(name: string, incident: Incident, links: MailLinks): MailContent {
  const end = incident.resolvedAt ?? incident.startedAt;
  return render(
    `${name}: problems resolved at ${hhmm(end)}`,
    [
      `Reports about ${name} are back to normal since ${hhmm(end)}. The problems began at ` +
        `${hhmm(incident.startedAt)} and lasted about ${minutesBetween(incident.startedAt, end)}.`,
      { label: 'What happened', link: `${links.base}/incidents/${incident.id}` },
    ],
    why(name),
    links.unsubscribe,
  );
}
