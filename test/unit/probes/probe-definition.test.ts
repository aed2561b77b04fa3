import { describe, expect, it } from 'vitest';
import { ProbeDefinition } from '../../../shared/schemas/probe.ts';

const messages = (input: unknown) => {
  const r = ProbeDefinition.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('ProbeDefinition', () => {
  it('fills in the defaults of an HTTP probe', () => {
    expect(ProbeDefinition.parse({ kind: 'http', id: 'web', name: 'Web', url: 'https://example.com/' })).toEqual({
      kind: 'http',
      id: 'web',
      name: 'Web',
      url: 'https://example.com/',
      method: 'GET',
      expectStatus: { min: 200, max: 399 },
      intervalSeconds: 60,
      timeoutMs: 10_000,
      tlsWarnDays: 14,
      tlsVerify: true,
    });
  });

  it('fills in the defaults of a DNS probe', () => {
    expect(ProbeDefinition.parse({ kind: 'dns', id: 'dns', name: 'DNS', hostname: 'example.com' })).toMatchObject({
      recordType: 'A',
      timeoutMs: 10_000,
    });
  });

  const invalid: { name: string; input: unknown; message: RegExp }[] = [
    {
      name: 'an interval under 15 seconds is refused',
      input: { kind: 'tcp', id: 'db', name: 'DB', host: 'db.example.com', port: 5432, intervalSeconds: 5 },
      message: /^intervalSeconds: probes run at most every 15 seconds$/,
    },
    {
      name: 'an id with capitals is refused',
      input: { kind: 'tcp', id: 'My Probe', name: 'x', host: 'a.b', port: 1 },
      message: /^id: a probe id is lower-case letters/,
    },
    {
      name: 'a url that is not http(s) is refused',
      input: { kind: 'http', id: 'web', name: 'Web', url: 'ftp://example.com' },
      message: /^url: url must be a full http:\/\/ or https:\/\/ address$/,
    },
    {
      name: 'a port out of range is refused',
      input: { kind: 'tcp', id: 'db', name: 'DB', host: 'db.example.com', port: 70000 },
      message: /^port: port runs 1–65535$/,
    },
    {
      name: 'expecting text from a HEAD request is refused',
      input: { kind: 'http', id: 'web', name: 'Web', url: 'https://example.com', method: 'HEAD', expectText: 'Hi' },
      message: /^expectText: expectText needs a response body/,
    },
    {
      name: 'a latency limit above the timeout is refused',
      input: { kind: 'http', id: 'web', name: 'Web', url: 'https://example.com', timeoutMs: 1000, latencyWarnMs: 2000 },
      message: /^latencyWarnMs: latencyWarnMs must be below timeoutMs/,
    },
    {
      name: 'an upside-down status range is refused',
      input: { kind: 'http', id: 'web', name: 'Web', url: 'https://example.com', expectStatus: { min: 500, max: 200 } },
      message: /expectStatus.min must not be above expectStatus.max/,
    },
    {
      name: 'an unknown record type is refused',
      input: { kind: 'dns', id: 'dns', name: 'DNS', hostname: 'example.com', recordType: 'SRV' },
      message: /^recordType: record type is A, AAAA, CNAME, MX or TXT$/,
    },
    {
      name: 'a resolver given as a name is refused',
      input: { kind: 'dns', id: 'dns', name: 'DNS', hostname: 'example.com', resolver: 'dns.google:53' },
      message: /^resolver: resolver is an IP address/,
    },
    { name: 'an unknown kind is refused', input: { kind: 'icmp', id: 'ping', name: 'Ping' }, message: /kind/ },
  ];
  it.each(invalid)('$name', ({ input, message }) => {
    expect(messages(input).some((m) => message.test(m))).toBe(true);
  });
});
