import dns from 'node:dns';
import net from 'node:net';
import type { ProbeError } from '../../shared/schemas/probe.ts';

/**
 * Keeps probes (and status-page fetches) off our own network. Probe targets are typed in by
 * operators, so without this a probe is a way to make the server fetch its cloud metadata
 * endpoint or poke at internal hosts. Both literal addresses and what a name resolves to are
 * checked, and callers connect to the vetted address itself (not the name again), so a DNS
 * answer that changes between the check and the connect (rebinding) cannot slip through.
 */

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a name to all its addresses; injectable so tests can play a rebinding resolver. */
export type LookupAll = (host: string) => Promise<ResolvedAddress[]>;

export const systemLookup: LookupAll = async (host) => {
  const found = await dns.promises.lookup(host, { all: true, verbatim: true });
  return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

export interface GuardOptions {
  /** PROBE_ALLOW_PRIVATE=1: for tests and for operators who probe their own network on purpose. */
  allowPrivate: boolean;
  lookup?: LookupAll;
}

export type Resolution = ({ ok: true } & ResolvedAddress) | { ok: false; error: ProbeError };

const ALLOW_HINT = 'Private and internal addresses are not probed unless PROBE_ALLOW_PRIVATE=1 is set.';

/** Metadata endpoints get their own word: they are the reason this guard exists. */
const METADATA = new Set(['169.254.169.254', '169.254.170.2', '100.100.100.200', '192.0.0.192', 'fd00:ec2::254']);

type V4Range = [base: number, bits: number, what: string];
const V4_RANGES: V4Range[] = [
  [v4('0.0.0.0'), 8, 'an unspecified ("this network") address'],
  [v4('10.0.0.0'), 8, 'a private (RFC 1918) address'],
  [v4('100.64.0.0'), 10, 'a carrier-grade NAT (100.64.0.0/10) address'],
  [v4('127.0.0.0'), 8, 'a loopback address'],
  [v4('169.254.0.0'), 16, 'a link-local address'],
  [v4('172.16.0.0'), 12, 'a private (RFC 1918) address'],
  [v4('192.0.0.0'), 24, 'a reserved (IETF protocol) address'],
  [v4('192.168.0.0'), 16, 'a private (RFC 1918) address'],
  [v4('198.18.0.0'), 15, 'a reserved (benchmarking) address'],
  [v4('224.0.0.0'), 4, 'a multicast address'],
  [v4('240.0.0.0'), 4, 'a reserved address'],
];

function v4(ip: string): number {
  return ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

function inV4(ip: number, base: number, bits: number): boolean {
  const size = 2 ** (32 - bits);
  return Math.floor(ip / size) === Math.floor(base / size);
}

/** Eight 16-bit groups, or null when the text is not IPv6. */
function v6Groups(ip: string): number[] | null {
  let text = ip.split('%')[0]!;
  // An IPv4 tail (::ffff:10.0.0.1) becomes its two hex groups, so one parser reads both forms.
  const lastColon = text.lastIndexOf(':');
  const v4Tail = text.slice(lastColon + 1);
  if (v4Tail.includes('.')) {
    if (!net.isIPv4(v4Tail)) return null;
    const n = v4(v4Tail);
    text = `${text.slice(0, lastColon + 1)}${Math.floor(n / 65536).toString(16)}:${(n % 65536).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const parse = (s: string) => (s === '' ? [] : s.split(':').map((h) => (/^[0-9a-fA-F]{1,4}$/.test(h) ? parseInt(h, 16) : NaN)));
  const head = parse(halves[0]!);
  const rest = halves.length === 2 ? parse(halves[1]!) : [];
  const fill = 8 - head.length - rest.length;
  if (fill < 0 || (halves.length === 1 && fill !== 0)) return null;
  const groups = [...head, ...Array<number>(fill).fill(0), ...rest];
  return groups.some((g) => !(g >= 0 && g <= 0xffff)) ? null : groups;
}

/** Why an address must not be probed, or null when it is a public unicast address. */
export function blockedAddressReason(ip: string): string | null {
  const bare = ip.replace(/^\[|\]$/g, '');
  if (METADATA.has(bare.toLowerCase())) return 'a cloud metadata address';
  if (net.isIPv4(bare)) {
    const n = v4(bare);
    if (n === 0xffffffff) return 'the broadcast address';
    const range = V4_RANGES.find(([base, bits]) => inV4(n, base, bits));
    return range ? range[2] : null;
  }
  const g = v6Groups(bare);
  if (!g) return 'not an IP address';
  const [a, b] = [g[0]!, g[1]!];
  const embeddedV4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  if (g.every((x) => x === 0)) return 'the unspecified address (::)';
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return 'a loopback address';
  // IPv4 written as IPv6 (mapped ::ffff:a.b.c.d, compatible ::a.b.c.d, NAT64 64:ff9b::a.b.c.d, 6to4 2002:AABB:CCDD::)
  // reaches the IPv4 host, so it is judged as that host.
  const mapped = g.slice(0, 5).every((x) => x === 0) && (g[5] === 0xffff || g[5] === 0);
  const nat64 = a === 0x64 && b === 0xff9b && g.slice(2, 6).every((x) => x === 0);
  if (mapped || nat64) return blockedAddressReason(embeddedV4(g[6]!, g[7]!));
  if (a === 0x2002) return blockedAddressReason(embeddedV4(b, g[2]!));
  if ((a & 0xfe00) === 0xfc00) return 'a unique local (fc00::/7) address';
  if ((a & 0xffc0) === 0xfe80) return 'a link-local address';
  if ((a & 0xffc0) === 0xfec0) return 'a site-local address';
  if ((a & 0xff00) === 0xff00) return 'a multicast address';
  return null;
}

/** Host as it appears in a URL or a definition: brackets and a trailing dot removed. */
export const bareHost = (host: string) => host.replace(/^\[|\]$/g, '').replace(/\.$/, '');

const blocked = (address: string, reason: string, via?: string): ProbeError => ({
  code: 'blocked_target',
  message: `Refused to probe ${address}: it is ${reason}${via ? ` (${via} resolves to it)` : ''}. ${ALLOW_HINT}`,
});

/** A DNS failure in plain words: "DNS lookup failed: no such host (ENOTFOUND)". */
export function dnsError(err: unknown, what = 'records'): ProbeError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code ?? 'EUNKNOWN';
  const words: Record<string, string> = {
    ENOTFOUND: 'no such host',
    ENODATA: `the name exists but has no ${what}`,
    EAI_AGAIN: 'the DNS server did not answer in time',
    ESERVFAIL: 'the DNS server failed to answer',
    EREFUSED: 'the DNS server refused the query',
    ECONNREFUSED: 'could not reach the DNS server',
    EBADNAME: 'the name is not valid',
    EFORMERR: 'the DNS server could not read the query',
    EBADRESP: 'the DNS server sent a malformed answer',
  };
  if (code === 'ETIMEOUT') return { code: 'timeout', message: 'DNS lookup timed out: the DNS server did not answer' };
  return { code: 'dns', message: `DNS lookup failed: ${words[code] ?? 'unexpected error'} (${code})` };
}

/**
 * The address to connect to for `host`, after checking it and (for names) every address the
 * name resolves to. All must pass: a name that answers with one public and one internal
 * address is exactly what a rebinding attacker serves.
 */
export async function resolveTarget(host: string, opts: GuardOptions): Promise<Resolution> {
  const name = bareHost(host);
  const family = net.isIP(name);
  if (family) {
    const reason = opts.allowPrivate ? null : blockedAddressReason(name);
    return reason ? { ok: false, error: blocked(name, reason) } : { ok: true, address: name, family: family as 4 | 6 };
  }
  let found: ResolvedAddress[];
  try {
    found = await (opts.lookup ?? systemLookup)(name);
  } catch (err) {
    return { ok: false, error: dnsError(err, 'addresses') };
  }
  const first = found[0];
  if (!first) return { ok: false, error: dnsError({ code: 'ENODATA' }, 'addresses') };
  if (!opts.allowPrivate) {
    for (const a of found) {
      const reason = blockedAddressReason(a.address);
      if (reason) return { ok: false, error: blocked(a.address, reason, name) };
    }
  }
  return { ok: true, ...first };
}

/**
 * A `lookup` for http.request / net.connect that answers with the already vetted address
 * whatever name it is asked about, so the connection goes where the guard looked while the
 * Host header and TLS SNI keep the real name.
 */
export function pinnedLookup(target: ResolvedAddress): net.LookupFunction {
  return ((_host: string, options: dns.LookupOptions, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  }) as net.LookupFunction;
}
