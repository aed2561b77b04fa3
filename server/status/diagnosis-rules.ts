// Longer than 300 lines on purpose: one rule per cause, side by side, so their evidence and
// weights can be compared at a glance (diagnose.ts only scores them).
import type { DiagnosisCause, DiagnosisEvidence, DiagnosisProbe, StatusLevel } from '../../shared/index.ts';
import { formatUtc } from './fuse-inputs.ts';

/**
 * What each possible cause makes of the evidence: lines for it and against it, each with a
 * weight (about 1 for a line that alone makes the case, less for a hint), and the summary it
 * would show if it won. Pure; diagnose.ts weighs the causes against each other.
 */

export interface Line {
  weight: number;
  text: string;
}

export interface CaseFor {
  cause: DiagnosisCause;
  support: Line[];
  contra: Line[];
  summary: string;
}

/** Answers this many times slower than usual are not noise. */
export const SLOW_FACTOR = 3;
/** A problem kind, a region or a reachability share this large is "most". */
export const MOST = 0.6;
/** Reports at this many times the usual, not from one region, are more than "some people". */
export const WIDESPREAD_RATIO = 10;
/** Reporters' browsers: fewer checks than this say nothing. */
export const MIN_REACH_CHECKS = 3;
/** Shares of a breakdown with fewer reports are noise. */
const MIN_REPORTS = 10;

const count = (n: number) => Math.round(n).toLocaleString('en-US');
const pct = (share: number) => `${Math.round(share * 100)}%`;
const plural = (n: number, word: string) => `${count(n)} ${word}${n === 1 ? '' : 's'}`;
const list = (items: string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
/** A line as part of a sentence: "All 3 probes pass" → "all 3 probes pass". */
const inline = (text: string) => text.replace(/^(All|Both|The|No) /, (w) => w.toLowerCase());
/** "2 of 3 probes", "All 3 probes", "Both probes", "The probe". */
const ofAll = (n: number, total: number, word: string) =>
  n < total
    ? `${count(n)} of ${plural(total, word)}`
    : total === 1
      ? `The ${word}`
      : total === 2
        ? `Both ${word}s`
        : `All ${count(total)} ${word}s`;
/** Verb agreement for a list of names: "Homepage fails", "Homepage and API fail". */
const verb = (n: number, one: string, many: string) => (n === 1 ? one : many);
const CODE_WORDS: Record<string, string> = {
  timeout: 'timeouts',
  dns: 'DNS errors',
  refused: 'connections refused',
  reset: 'connections reset',
  tls: 'certificate problems',
  http_status: 'HTTP errors',
  text_missing: 'expected text missing',
  slow: 'slow answers',
  other: 'errors',
};
/** Quoted text ends the sentence it sits in: no double full stop. */
const unstop = (text: string) => text.replace(/[.!]+$/, '');
const names = (probes: DiagnosisProbe[]) => list(probes.map((p) => p.name));
const LEVEL_PHRASE: Record<StatusLevel, string> = {
  operational: 'no problems',
  under_maintenance: 'maintenance',
  degraded_performance: 'degraded performance',
  partial_outage: 'a partial outage',
  major_outage: 'a major outage',
};
const NETWORK = new Set(['dns', 'refused', 'reset', 'timeout']);
/** Slow answers and certificate warnings: the service works, just not well (as fuse.ts reads them). */
const SOFT = new Set(['slow', 'tls']);

const anyOf = (...words: string[]) => new RegExp(words.join('|'), 'i');
const ATTACK = anyOf(
  '\\bddos\\b',
  'denial[- ]of[- ]service',
  'cyber[- ]?attack',
  '\\battack(s|ed|ers)?\\b',
  'security incident',
  'malicious',
  'ransomware',
  '\\bbreach\\b',
);
const DEMAND = anyOf(
  'high (demand|traffic|load|volume)',
  'heavy (load|traffic)',
  'capacity',
  'increased (traffic|demand|load)',
  'elevated latency',
  'rate limit',
);
// Generic words only: a cloud's own page naming itself must not make it its own provider.
const UPSTREAM = /third[- ]party|upstream|(cloud|hosting|network|infrastructure|dns) provider|\bvendor\b|\bcdn\b/i;
const ERRORS = /elevated error|error rates?|\b5\d\d\b|failing requests|requests (are )?failing/i;
const MAINTENANCE = /maintenance|upgrade|migration/i;

/** Facts several causes read. */
export function facts(e: DiagnosisEvidence) {
  const counted = e.vantageDown ? [] : e.probes;
  const failing = counted.filter((p) => !p.ok);
  const hard = failing.filter((p) => !SOFT.has(p.code ?? ''));
  const answered = counted.filter((p) => p.httpStatus !== undefined || (p.ok && p.kind !== 'dns'));
  const fiveXX = counted.filter((p) => !p.ok && (p.httpStatus ?? 0) >= 500);
  const slow = counted.filter(
    (p) => p.latencyMs !== undefined && p.usualLatencyMs !== undefined && p.latencyMs >= SLOW_FACTOR * p.usualLatencyMs,
  );
  const officialText = (e.official?.incidents ?? []).map((i) => `${i.name} ${i.text}`);
  const share = (id: string) =>
    e.crowd.troubled && e.crowd.total >= MIN_REPORTS ? (e.crowd.problems.find((p) => p.id === id)?.share ?? 0) : 0;
  const reachShare = e.reach && e.reach.checked >= MIN_REACH_CHECKS ? e.reach.unreachable / e.reach.checked : undefined;
  return { counted, failing, hard, answered, fiveXX, slow, officialText, share, reachShare };
}
type Facts = ReturnType<typeof facts>;

/** The first official incident whose words match, quoted. */
function quote(e: DiagnosisEvidence, re: RegExp): string | undefined {
  const hit = e.official?.incidents.find((i) => re.test(i.name) || re.test(i.text));
  if (!hit) return undefined;
  const text =
    hit.text && hit.text !== hit.name ? `: ${hit.text.length > 140 ? `${hit.text.slice(0, 137)}…` : hit.text}` : '';
  return `"${hit.name}"${text}`;
}

function reachLine(e: DiagnosisEvidence): string {
  const r = e.reach!;
  return `${count(r.checked - r.unreachable)} of ${count(r.checked)} reporters' browsers reached the homepage`;
}

function networkDns(e: DiagnosisEvidence, f: Facts): CaseFor {
  const dns = f.counted.filter((p) => p.code === 'dns');
  const connect = f.counted.filter((p) => p.code === 'refused' || p.code === 'reset');
  const timeouts = f.counted.filter((p) => p.code === 'timeout');
  const n = f.counted.length;
  const support: Line[] = [];
  if (dns.length > 0)
    support.push({
      weight: 1,
      text: `${names(dns)} cannot resolve the name${dns[0]!.message ? ` (${dns[0]!.message})` : ''}`,
    });
  if (connect.length > 0)
    support.push({
      weight: 0.6 + 0.4 * (connect.length / n),
      text:
        `${connect.length} of ${plural(n, 'probe')} cannot connect: ${names(connect)} ` +
        `(${connect[0]!.code === 'refused' ? 'connection refused' : 'connection reset'})`,
    });
  if (timeouts.length > 0)
    support.push({
      weight: 0.3 + 0.3 * (timeouts.length / n),
      text: `${timeouts.length} of ${plural(n, 'probe')} get no answer before timing out: ${names(timeouts)}`,
    });
  if (support.length > 0 && f.reachShare !== undefined && f.reachShare >= 0.5)
    support.push({
      weight: 0.5,
      text:
        `${count(e.reach!.unreachable)} of ${count(e.reach!.checked)} reporters' browsers could not reach ` +
        'the homepage either',
    });
  const contra: Line[] = [];
  const answering = f.counted.filter((p) => p.httpStatus !== undefined);
  if (answering.length > 0)
    contra.push({
      weight: 0.8,
      text:
        `${names(answering)} get${answering.length === 1 ? 's' : ''} an answer (HTTP ` +
        `${answering[0]!.httpStatus}): the name resolves and the servers are reachable`,
    });
  const resolving = f.counted.filter((p) => p.kind === 'dns' && p.ok);
  if (resolving.length > 0)
    contra.push({ weight: 0.5, text: `${names(resolving)} resolve${resolving.length === 1 ? 's' : ''} as expected` });
  const summary =
    dns.length > 0
      ? `Their name does not resolve: ${names(dns)} ${verb(dns.length, 'fails', 'fail')}, so browsers cannot ` +
        'find their servers. It is not your device.'
      : `Their servers cannot be reached: ${support[0]?.text ?? ''}.`;
  return { cause: 'network-dns', support, contra, summary };
}

function serverErrors(e: DiagnosisEvidence, f: Facts): CaseFor {
  const http = f.counted.filter((p) => p.kind === 'http');
  const support: Line[] = [];
  const statuses = [...new Set(f.fiveXX.map((p) => p.httpStatus))].map((s) => `HTTP ${s}`);
  if (f.fiveXX.length > 0)
    support.push({
      weight: 0.5 + 0.5 * (f.fiveXX.length / Math.max(1, http.length)),
      text:
        `${ofAll(f.fiveXX.length, http.length, 'HTTP probe')} ${verb(http.length, 'gets', 'get')} ` +
        `${list(statuses)}`,
    });
  const resolving = f.counted.filter((p) => p.kind === 'dns' && p.ok);
  if (support.length > 0 && resolving.length > 0)
    support.push({
      weight: 0.2,
      text:
        `${names(resolving)} ${verb(resolving.length, 'resolves', 'resolve')} as expected: the way to their ` +
        'servers works',
    });
  const textMissing = f.counted.filter((p) => p.code === 'text_missing');
  if (textMissing.length > 0)
    support.push({
      weight: 0.6,
      text: `${names(textMissing)} answer${textMissing.length === 1 ? 's' : ''} without the text a working page has`,
    });
  const errorsShare = f.share('errors');
  if (errorsShare >= 0.3)
    support.push({ weight: 0.4, text: `${pct(errorsShare)} of reports are about error messages` });
  const said = quote(e, ERRORS);
  if (said) support.push({ weight: 0.5, text: `Official status page: ${said}` });
  const contra: Line[] = [];
  const unreachable = f.counted.filter((p) => NETWORK.has(p.code ?? ''));
  if (unreachable.length > 0)
    contra.push({
      weight: 0.5,
      text: `${names(unreachable)} cannot connect at all, which errors from the servers would not explain`,
    });
  if (http.length > 0 && http.every((p) => p.ok))
    contra.push({
      weight: 0.8,
      text: `${ofAll(http.length, http.length, 'HTTP probe')} ${verb(http.length, 'gets', 'get')} good answers`,
    });
  const reachable = f.counted.some((p) => p.kind === 'dns' && p.ok) || f.answered.length > 0;
  const head = support[0]?.text ?? '';
  const notYours = '; the name resolves and the servers answer, so it is not your network';
  const summary =
    'Their servers are answering with errors: ' +
    `${inline(head)}${reachable && unreachable.length === 0 ? notYours : ''}.`;
  return { cause: 'server-errors', support, contra, summary };
}

function overload(e: DiagnosisEvidence, f: Facts): CaseFor {
  const support: Line[] = [];
  for (const p of f.slow.slice(0, 3)) {
    const factor = p.latencyMs! / p.usualLatencyMs!;
    support.push({
      weight: 0.5 + 0.4 * Math.min(1, factor / 10),
      text:
        `${p.name} answers in ${count(p.latencyMs!)} ms, ${count(factor)}× its usual ` +
        `${count(p.usualLatencyMs!)} ms`,
    });
  }
  const warned = f.counted.filter((p) => p.code === 'slow' && !f.slow.includes(p));
  if (warned.length > 0)
    support.push({ weight: 0.5, text: `${names(warned)}: ${warned[0]!.message ?? 'slow response'}` });
  const turned = f.counted.filter((p) => p.httpStatus === 429 || p.httpStatus === 503);
  if (turned.length > 0) {
    const tooMany = turned.some((p) => p.httpStatus === 429);
    support.push({
      weight: tooMany ? 0.8 : 0.5,
      text:
        `${names(turned)} get${turned.length === 1 ? 's' : ''} HTTP ` +
        `${tooMany ? '429 (too many requests)' : '503 (service unavailable)'}: the servers are turning ` +
        'requests away',
    });
  }
  const timeouts = f.counted.filter((p) => p.code === 'timeout');
  if (timeouts.length > 0 && f.answered.length > 0)
    support.push({
      weight: 0.3,
      text: `${names(timeouts)} time${timeouts.length === 1 ? 's' : ''} out while other probes get answers`,
    });
  const slowShare = f.share('slow');
  if (slowShare >= 0.3)
    support.push({ weight: 0.3 + 0.5 * slowShare, text: `${pct(slowShare)} of reports are about slowness` });
  const said = quote(e, DEMAND);
  if (said) support.push({ weight: 0.8, text: `Official status page: ${said}` });
  const contra: Line[] = [];
  const usual = f.counted.filter(
    (p) => p.ok && p.latencyMs !== undefined && p.usualLatencyMs !== undefined && p.latencyMs <= 1.5 * p.usualLatencyMs,
  );
  if (usual.length > 0)
    contra.push({
      weight: Math.min(0.8, 0.4 * usual.length),
      text:
        `${names(usual)} answer${usual.length === 1 ? 's' : ''} as fast as usual ` +
        `(${count(usual[0]!.latencyMs!)} ms)`,
    });
  const unreachable = f.counted.filter((p) => p.code === 'dns' || p.code === 'refused');
  if (unreachable.length > 0)
    contra.push({
      weight: 0.5,
      text:
        `${names(unreachable)} fail${unreachable.length === 1 ? 's' : ''} before any request is made ` +
        `(${unreachable[0]!.code === 'dns' ? 'DNS' : 'connection refused'})`,
    });
  const summary = `More demand than they can serve right now: ${list(support.slice(0, 2).map((l) => inline(l.text)))}.`;
  return { cause: 'overload', support, contra, summary };
}

function maintenance(e: DiagnosisEvidence, f: Facts): CaseFor {
  const support: Line[] = [];
  if (e.maintenance)
    support.push({
      weight: 1.5,
      text:
        `Scheduled maintenance "${e.maintenance.title}" is declared until ` +
        `${formatUtc(Date.parse(e.maintenance.until))}`,
    });
  if (e.official && e.official.maintenances.length > 0)
    support.push({
      weight: 1,
      text:
        'The official status page says maintenance is in progress: ' +
        `${list(e.official.maintenances.map((m) => `"${m}"`))}`,
    });
  else if (e.official?.level === 'under_maintenance')
    support.push({ weight: 1, text: `The official status page says: ${e.official.description}` });
  const said = quote(e, MAINTENANCE);
  if (said && support.length > 0) support.push({ weight: 0.3, text: `Official status page: ${said}` });
  const contra: Line[] = [];
  const outage = e.official && (e.official.level === 'partial_outage' || e.official.level === 'major_outage');
  if (outage)
    contra.push({
      weight: 0.8,
      text: `The official status page reports ${LEVEL_PHRASE[e.official!.level]}, more than maintenance`,
    });
  const errors = f.fiveXX.length;
  if (errors > 0 && f.counted.length > 0 && support.length > 0 && !e.maintenance)
    contra.push({ weight: 0.2, text: `${errors} of ${plural(f.counted.length, 'probe')} get server errors` });
  const summary = e.maintenance
    ? `Scheduled maintenance: "${e.maintenance.title}" until ${formatUtc(Date.parse(e.maintenance.until))}. ` +
      'Problems during the window are expected.'
    : 'Maintenance, says the official status ' +
      `page${e.official?.maintenances[0] ? `: "${e.official.maintenances[0]}"` : ''}. Problems should end ` +
      'when it does.';
  return { cause: 'maintenance', support, contra, summary };
}

function cyberAttack(e: DiagnosisEvidence, f: Facts): CaseFor {
  const said = quote(e, ATTACK);
  const support: Line[] = said ? [{ weight: 1.5, text: `Official status page: ${said}` }] : [];
  // Symptoms only corroborate what the page says; on their own they are overload.
  if (said && f.hard.length > 0)
    support.push({
      weight: 0.3,
      text:
        `${ofAll(f.hard.length, f.counted.length, 'probe')} failing ` +
        `(${list([...new Set(f.hard.map((p) => CODE_WORDS[p.code ?? 'other'] ?? 'errors'))])})`,
    });
  const contra: Line[] = [];
  if (said && f.counted.length > 0 && f.failing.length === 0)
    contra.push({ weight: 0.3, text: `All ${plural(f.counted.length, 'probe')} pass: the attack may be contained` });
  const summary =
    `The official status page reports an attack: ${unstop(said ?? '')}. Expect errors and slowness until it ` +
    'is mitigated; there is nothing to fix on your side.';
  return { cause: 'cyber-attack', support, contra, summary };
}

const PROVIDER_WEIGHT: Partial<Record<StatusLevel, number>> = {
  major_outage: 1,
  partial_outage: 0.8,
  degraded_performance: 0.5,
};

function upstream(e: DiagnosisEvidence): CaseFor {
  const troubled = e.providers.filter((p) => PROVIDER_WEIGHT[p.level] !== undefined);
  const support: Line[] = troubled.slice(0, 3).map((p) => ({
    weight: PROVIDER_WEIGHT[p.level]!,
    text: `${p.name}, a cloud or CDN provider, has ${LEVEL_PHRASE[p.level]} now`,
  }));
  if (e.othersTroubled >= 3)
    support.push({
      weight: 0.5,
      text: `${count(e.othersTroubled)} other services are having problems at the same time`,
    });
  const said = quote(e, UPSTREAM);
  if (said) support.push({ weight: 0.8, text: `Official status page: ${said}` });
  const contra: Line[] = [];
  if (troubled.length === 0 && e.othersTroubled >= 3 && !said)
    contra.push({ weight: 0.3, text: 'No cloud or CDN provider we watch has problems now' });
  const who = troubled[0]
    ? `${troubled[0].name} has ${LEVEL_PHRASE[troubled[0].level]} at the same time`
    : (support[0]?.text ?? '');
  const others =
    e.othersTroubled > 0
      ? `, and ${plural(e.othersTroubled, 'other service')} ${e.othersTroubled === 1 ? 'has' : 'have'} problems too`
      : '';
  const summary = `Likely a problem at a provider they rely on: ${who}${troubled[0] ? others : ''}.`;
  return { cause: 'upstream-provider', support, contra, summary };
}

function onlySome(e: DiagnosisEvidence, f: Facts): CaseFor {
  const support: Line[] = [];
  const contra: Line[] = [];
  // Many times the usual reports, from everywhere: far more than a few people's own trouble; passing
  // probes and most reports about one thing then point to a feature broken for everyone instead.
  const spread = !e.region || e.region.located < MIN_REPORTS || e.region.share < MOST;
  const widespread = e.crowd.troubled && (e.crowd.ratio ?? 0) >= WIDESPREAD_RATIO && spread;
  if (f.reachShare !== undefined && f.reachShare <= 0.3) support.push({ weight: 0.8, text: reachLine(e) });
  if (f.reachShare !== undefined && f.reachShare >= 0.5)
    contra.push({
      weight: 0.8,
      text:
        `${count(e.reach!.unreachable)} of ${count(e.reach!.checked)} reporters' browsers could not reach ` +
        'the homepage',
    });
  if (e.crowd.troubled) {
    // A homepage that answers says little when reports run many times the usual: a feature can fail for all.
    if (f.counted.length > 0 && f.failing.length === 0 && !widespread)
      support.push({
        weight: 0.6,
        text: `${ofAll(f.counted.length, f.counted.length, 'probe')} ${verb(f.counted.length, 'passes', 'pass')}`,
      });
    if (e.region && e.region.located >= MIN_REPORTS && e.region.share >= MOST)
      support.push({
        weight: 0.6,
        text: `${pct(e.region.share)} of ${count(e.region.located)} located reports come from ${e.region.name}`,
      });
    const top = e.crowd.problems[0];
    if (top && e.crowd.total >= MIN_REPORTS && top.share >= MOST && !widespread)
      support.push({ weight: 0.4, text: `${pct(top.share)} of reports are about ${top.label}` });
  }
  if (f.hard.length > 0)
    contra.push({
      weight: Math.min(1, 0.4 * f.hard.length),
      text: `${f.hard.length} of ${plural(f.counted.length, 'probe')} failing`,
    });
  if (e.official && (e.official.level === 'partial_outage' || e.official.level === 'major_outage'))
    contra.push({ weight: 0.6, text: `The official status page reports ${LEVEL_PHRASE[e.official.level]}` });
  if (widespread)
    contra.push({
      weight: 0.6,
      text: `Reports run at ${Math.round(e.crowd.ratio!)}× the usual, from many places`,
    });
  const summary =
    `It seems to work for most people: ${list(support.slice(0, 2).map((l) => inline(l.text)))}. Check your ` +
    'own connection, app or account first.';
  return { cause: 'only-some-people', support, contra, summary };
}

/** Every cause's case, in the order ties are broken: the more specific explanation first. */
export function cases(e: DiagnosisEvidence): CaseFor[] {
  const f = facts(e);
  return [
    maintenance(e, f),
    cyberAttack(e, f),
    upstream(e),
    networkDns(e, f),
    serverErrors(e, f),
    overload(e, f),
    onlySome(e, f),
  ];
}
