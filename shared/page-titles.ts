/*
 * Page titles, written by the server into the HTML and kept current by the page as the verdict
 * moves. No zod here: the client imports this file directly (see constants.ts for why).
 */
import { levelLabel, storyKindLabel, type StoryKindName } from './constants.ts';

export const SITE_NAME = 'Outage radar';

type Level = keyof typeof levelLabel;

/** "Major outage now", or "No problems detected". */
export const verdictNow = (level: Level) =>
  level === 'operational' ? levelLabel.operational : `${levelLabel[level]} now`;

/** Numbers the same way on the server and in every reader's browser, so the title does not flicker on hydration. */
const count = (n: number) => Math.round(n).toLocaleString('en-US');

/** "Is ChatGPT down? Major outage now — 1,204 reports in the last hour | Outage radar" */
export const serviceTitle = (name: string, level: Level, lastHour: number) =>
  `Is ${name} down? ${verdictNow(level)} — ${count(lastHour)} reports in the last hour | ${SITE_NAME}`;

export const storyTitle = (title: string, kind: StoryKindName, serviceName: string) =>
  `${title} — ${storyKindLabel[kind]}, ${serviceName} | ${SITE_NAME}`;

const incidentKind = {
  unplanned: 'Unplanned outage',
  partial: 'Partial outage',
  maintenance: 'Scheduled maintenance',
} as const;

/** `day` in the reader's words: UTC on the server, the reader's zone in the browser. */
export const incidentTitle = (kind: keyof typeof incidentKind, serviceName: string, day: string, open: boolean) =>
  `${incidentKind[kind]} of ${serviceName}, ${day} — ${open ? 'ongoing' : 'resolved'} | ${SITE_NAME}`;
