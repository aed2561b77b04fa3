import dns from 'node:dns';
import type { DnsProbe, DnsRecordType, ProbeCheck, ProbeError, ProbeResult } from '../../shared/schemas/probe.ts';
import type { ProbeDeps } from './probe-registry.ts';
import { timedOut } from './probe-errors.ts';
import { dnsError, resolveTarget } from './target-guard.ts';

/**
 * DNS probe: does the name answer with records of the type asked, and (optionally) with the
 * expected value? Asks a DNS server directly (the system's configured servers, or `resolver`)
 * rather than getaddrinfo, so /etc/hosts and local caches can't make a broken zone look fine.
 */

/** "127.0.0.1:5353" → ip and port; "[::1]:53" and bare addresses too. */
export function splitResolver(text: string): { ip: string; port: number } {
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  if (v6) return { ip: v6[1]!, port: Number(v6[2] ?? 53) };
  const v4 = /^([\d.]+)(?::(\d+))?$/.exec(text);
  if (v4) return { ip: v4[1]!, port: Number(v4[2] ?? 53) };
  return { ip: text, port: 53 };
}

async function query(resolver: dns.promises.Resolver, name: string, type: DnsRecordType): Promise<string[]> {
  switch (type) {
    case 'A':
      return resolver.resolve4(name);
    case 'AAAA':
      return resolver.resolve6(name);
    case 'CNAME':
      return resolver.resolveCname(name);
    case 'MX':
      return (await resolver.resolveMx(name))
        .sort((a, b) => a.priority - b.priority)
        .map((r) => `${r.priority} ${r.exchange}`);
    case 'TXT':
      // A TXT record arrives in 255-byte chunks that mean one string.
      return (await resolver.resolveTxt(name)).map((chunks) => chunks.join(''));
  }
}

const normal = (s: string) => s.trim().toLowerCase().replace(/\.$/, '');

/** An MX answer "10 mx.example.com" matches "mx.example.com" too: the priority is rarely the point. */
const matches = (answer: string, expect: string) =>
  normal(answer) === normal(expect) || normal(answer.replace(/^\d+ /, '')) === normal(expect);

export async function run(def: DnsProbe, deps: ProbeDeps): Promise<ProbeResult> {
  const started = deps.now();
  const wanted = `at least one ${def.recordType} record for ${def.hostname}`;
  const done = (checks: ProbeCheck[], error?: ProbeError, addresses?: string[]): ProbeResult => ({
    probeId: def.id,
    kind: 'dns',
    at: new Date(started).toISOString(),
    ok: !error,
    latencyMs: Math.max(0, deps.now() - started),
    ...(error && { error }),
    checks,
    ...(addresses && { details: { dns: { addresses } } }),
  });

  // c-ares' own timer is per attempt; one attempt, and our deadline bounds the whole probe.
  const resolver = new dns.promises.Resolver({ timeout: def.timeoutMs, tries: 1 });
  if (def.resolver) {
    const { ip, port } = splitResolver(def.resolver);
    const vetted = await resolveTarget(ip, deps);
    if (!vetted.ok)
      return done(
        [{ name: 'resolver', ok: false, actual: vetted.error.message, expected: 'a public DNS server' }],
        vetted.error,
      );
    try {
      resolver.setServers([ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`]);
    } catch (err) {
      const error: ProbeError = {
        code: 'other',
        message: `DNS server "${def.resolver}" is not usable: ${(err as Error).message}`,
      };
      return done([{ name: 'resolver', ok: false, actual: error.message, expected: 'an IP address and port' }], error);
    }
  }

  // Cancelling fails the outstanding query (ECANCELLED), which ends the wait.
  const deadline = AbortSignal.timeout(def.timeoutMs);
  const cancel = () => resolver.cancel();
  deadline.addEventListener('abort', cancel, { once: true });
  try {
    const answers = await query(resolver, def.hostname, def.recordType);
    const shown = answers.length > 0 ? answers.join(', ') : 'no records';
    const checks: ProbeCheck[] = [{ name: 'answer', ok: answers.length > 0, actual: shown, expected: wanted }];
    let error: ProbeError | undefined =
      answers.length > 0
        ? undefined
        : { code: 'dns', message: `DNS lookup failed: no ${def.recordType} records (ENODATA)` };
    if (def.expect !== undefined) {
      const found = answers.some((a) => matches(a, def.expect!));
      checks.push({ name: 'expected value', ok: found, actual: shown, expected: `includes ${def.expect}` });
      if (!found && !error) {
        error = {
          code: 'dns',
          message: `DNS answer for ${def.hostname} (${def.recordType}) is ${shown}, expected ${def.expect}`,
        };
      }
    }
    return done(checks, error, answers);
  } catch (err) {
    const error: ProbeError = deadline.aborted ? timedOut(def.timeoutMs) : dnsError(err, `${def.recordType} records`);
    return done([{ name: 'answer', ok: false, actual: error.message, expected: wanted }], error);
  } finally {
    deadline.removeEventListener('abort', cancel);
  }
}
