import dgram from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProbeDefinition, ProbeResult, type ProbeDefinitionInput } from '../../../shared/schemas/probe.ts';
import { runProbe, type ProbeDeps } from '../../../server/probes/probe-registry.ts';

/**
 * A tiny authoritative DNS server on 127.0.0.1: enough of RFC 1035 to answer A and TXT
 * questions from a table, say NXDOMAIN for unknown names, and stay silent for one name.
 */
const ZONE: Record<string, { A?: string[]; TXT?: string[] }> = {
  'status.example.test': { A: ['192.0.2.10', '192.0.2.11'] },
  'verify.example.test': { TXT: ['site-verification=abc123'] },
  'mail-only.example.test': {},
};
const SILENT = 'silent.example.test';
const TYPES = { A: 1, TXT: 16 } as const;

function readName(msg: Buffer, offset: number): { name: string; end: number } {
  const labels: string[] = [];
  let i = offset;
  while (msg[i]! > 0) {
    labels.push(msg.subarray(i + 1, i + 1 + msg[i]!).toString('ascii'));
    i += msg[i]! + 1;
  }
  return { name: labels.join('.').toLowerCase(), end: i + 1 };
}

function answer(query: Buffer): Buffer | null {
  const { name, end } = readName(query, 12);
  if (name === SILENT) return null;
  const qtype = query.readUInt16BE(end);
  const question = query.subarray(12, end + 4);
  const entry = ZONE[name];
  const records: Buffer[] = [];
  if (entry && qtype === TYPES.A) for (const ip of entry.A ?? []) records.push(Buffer.from(ip.split('.').map(Number)));
  if (entry && qtype === TYPES.TXT)
    for (const t of entry.TXT ?? []) records.push(Buffer.concat([Buffer.from([t.length]), Buffer.from(t)]));
  const header = Buffer.alloc(12);
  query.copy(header, 0, 0, 2);
  header.writeUInt16BE(0x8580 | (entry ? 0 : 3), 2); // response, authoritative, recursion; rcode 3 = NXDOMAIN
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(records.length, 6);
  const rrs = records.map((rdata) => {
    const rr = Buffer.alloc(12);
    rr.writeUInt16BE(0xc00c, 0); // pointer to the question's name
    rr.writeUInt16BE(qtype, 2);
    rr.writeUInt16BE(1, 4);
    rr.writeUInt32BE(60, 6);
    rr.writeUInt16BE(rdata.length, 10);
    return Buffer.concat([rr, rdata]);
  });
  return Buffer.concat([header, question, ...rrs]);
}

let server: dgram.Socket;
let resolver: string;
const local: ProbeDeps = { now: () => Date.now(), allowPrivate: true };
const probe = async (def: Partial<ProbeDefinitionInput>, deps: ProbeDeps = local) => {
  const result = await runProbe(
    ProbeDefinition.parse({
      kind: 'dns',
      id: 'dns',
      name: 'DNS',
      hostname: 'status.example.test',
      resolver,
      timeoutMs: 1_000,
      ...def,
    }),
    deps,
  );
  ProbeResult.parse(result);
  return result;
};

beforeAll(async () => {
  server = dgram.createSocket('udp4');
  server.on('message', (msg, from) => {
    const reply = answer(msg);
    if (reply) server.send(reply, from.port, from.address);
  });
  await new Promise<void>((r) => server.bind(0, '127.0.0.1', r));
  resolver = `127.0.0.1:${server.address().port}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('DNS probe', () => {
  it('passes and lists the addresses when the name has A records', async () => {
    const r = await probe({});
    expect(r).toMatchObject({ ok: true, kind: 'dns', details: { dns: { addresses: ['192.0.2.10', '192.0.2.11'] } } });
    expect(r.checks[0]).toEqual({
      name: 'answer',
      ok: true,
      actual: '192.0.2.10, 192.0.2.11',
      expected: 'at least one A record for status.example.test',
    });
  });

  it('passes when the expected address is among the answers', async () => {
    const r = await probe({ expect: '192.0.2.11' });
    expect(r.ok).toBe(true);
  });

  it('fails when the expected address is not among the answers, showing both', async () => {
    const r = await probe({ expect: '192.0.2.99' });
    expect(r.error).toEqual({
      code: 'dns',
      message: 'DNS answer for status.example.test (A) is 192.0.2.10, 192.0.2.11, expected 192.0.2.99',
    });
  });

  it('reads TXT records', async () => {
    const r = await probe({ hostname: 'verify.example.test', recordType: 'TXT', expect: 'site-verification=abc123' });
    expect(r.ok).toBe(true);
  });

  it('fails with a dns error for a name that does not exist', async () => {
    const r = await probe({ hostname: 'nope.example.test' });
    expect(r.error).toEqual({ code: 'dns', message: 'DNS lookup failed: no such host (ENOTFOUND)' });
    expect(r.checks[0]).toMatchObject({ ok: false, actual: 'DNS lookup failed: no such host (ENOTFOUND)' });
  });

  it('fails with a dns error when the name exists without records of that type', async () => {
    const r = await probe({ hostname: 'mail-only.example.test' });
    expect(r.error?.code).toBe('dns');
    expect(r.error?.message).toMatch(/no A records \(ENODATA\)/);
  });

  it('times out when the DNS server does not answer', async () => {
    const r = await probe({ hostname: SILENT, timeoutMs: 300 });
    expect(r.error?.code).toBe('timeout');
  });

  it('refuses a loopback resolver when private targets are not allowed', async () => {
    const r = await probe({}, { ...local, allowPrivate: false });
    expect(r.error?.code).toBe('blocked_target');
    expect(r.error?.message).toMatch(/127\.0\.0\.1/);
  });
});
