import type { BrowserCheck, Diagnosis, ProbeView, StatusLevel } from '../../../shared/index.ts';
import { count, levelLabel } from './format.ts';

/**
 * "Is it just me?": the visitor's own browser check read together with what everyone else sees
 * (the verdict, the last hour's reports, our probes, the likely cause). Pure, so the words can be
 * tested as a table; the component only runs the check and shows the answer.
 */

export type JustMeKind = 'not-just-you' | 'partial' | 'just-you';

export interface JustMeAnswer {
  kind: JustMeKind;
  /** "It's not just you", "Looks like it's just you", "It may be partial". */
  headline: string;
  /** Why, from what others see: counts and probes. */
  because: string;
  /** What this browser found. */
  yours: string;
  /** What to try next, when the answer suggests something. */
  tryNext?: string;
}

export interface JustMeInput {
  name: string;
  /** The homepage's host, as the check tried it. */
  host: string;
  level: StatusLevel;
  stats: { lastHour: number };
  diagnosis: Pick<Diagnosis, 'cause'> | null;
  probes: Pick<ProbeView, 'latest'>[];
  /** Our own network is down: our probes' failures say nothing. */
  vantageDown?: boolean;
  myCheck: Pick<BrowserCheck, 'reachable' | 'ms'>;
}

const people = (n: number) => `${count(n)} ${n === 1 ? 'person' : 'people'}`;
const seconds = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`);

export function justMeAnswer(input: JustMeInput): JustMeAnswer {
  const { name, host, level, stats, diagnosis, myCheck } = input;
  const probes = input.vantageDown ? [] : input.probes.filter((p) => p.latest);
  const failing = probes.filter((p) => !p.latest!.ok).length;
  const maintenance = level === 'under_maintenance' || diagnosis?.cause === 'maintenance';
  // "Only some people" is the diagnosis saying it works for most: not a wider problem.
  const trouble = !maintenance && level !== 'operational' && diagnosis?.cause !== 'only-some-people';
  const yours = myCheck.reachable
    ? `Your browser reached ${host} (${seconds(myCheck.ms)}).`
    : `Your browser could not reach ${host}${trouble || maintenance ? ' either' : ''}.`;

  if (maintenance) {
    return {
      kind: 'not-just-you',
      headline: "It's not just you",
      because: `${name} is down for scheduled maintenance.`,
      yours,
      tryNext: 'Wait for the declared end: there is nothing to fix on your side.',
    };
  }

  // It works for most, yet many report problems: some people, places or features are hit.
  if (diagnosis?.cause === 'only-some-people' && level !== 'operational' && stats.lastHour > 0) {
    return {
      kind: 'partial',
      headline: 'It may be partial',
      because: `${name} works for most people, but ${people(stats.lastHour)} reported problems in the last hour.`,
      yours,
      tryNext: myCheck.reachable
        ? 'Try signing out and back in, or the app instead of the website; keep a copy of anything you are writing.'
        : 'Check your own connection first: open another site, or switch between Wi-Fi and mobile data.',
    };
  }

  if (trouble) {
    const others: string[] = [];
    if (stats.lastHour > 0) others.push(`${people(stats.lastHour)} reported problems in the last hour`);
    if (failing > 0)
      others.push(
        `${failing === probes.length ? 'our probes' : `${failing} of our ${probes.length} probes`} ` +
          `fail${failing === 1 && probes.length > 1 ? 's' : ''} too`,
      );
    if (others.length === 0) others.push(`our verdict is ${levelLabel[level].toLowerCase()}`);
    const because = `${capitalised(others.join(' and '))}.`;
    if (!myCheck.reachable) return { kind: 'not-just-you', headline: "It's not just you", because, yours };
    return {
      kind: 'partial',
      headline: 'It may be partial',
      because,
      yours:
        `Your browser reached ${host} (${seconds(myCheck.ms)}): some features, accounts or regions may fail ` +
        'while the homepage answers.',
      tryNext: 'Try what you were doing again in a few minutes, and keep a copy of anything you are writing.',
    };
  }

  // Nothing wider is wrong: the answer is about this visitor's side.
  const forUs = probes.length > 0 && failing === 0 ? 'for us and for most people' : 'for most people';
  if (!myCheck.reachable) {
    return {
      kind: 'just-you',
      headline: "Looks like it's just you",
      because: `${name} answers ${forUs}.`,
      yours,
      tryNext:
        'Try another network (switch between Wi-Fi and mobile data), turn off a VPN or ad blocker, or ' +
        'restart your router.',
    };
  }
  return {
    kind: 'just-you',
    headline: "Looks like it's just you",
    because: `${name} answers ${forUs}, and from your browser too.`,
    yours,
    tryNext:
      'Try signing out and back in, a private window, or the app instead of the website (or the other way round).',
  };
}

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
