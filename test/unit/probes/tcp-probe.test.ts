import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProbeDefinition, ProbeResult } from '../../../shared/schemas/probe.ts';
import { runProbe, type ProbeDeps } from '../../../server/probes/probe-registry.ts';

const local: ProbeDeps = { now: () => Date.now(), allowPrivate: true };
const probe = async (host: string, port: number, deps: ProbeDeps = local, timeoutMs = 2_000) => {
  const result = await runProbe(
    ProbeDefinition.parse({ kind: 'tcp', id: 'smtp', name: 'SMTP', host, port, timeoutMs }),
    deps,
  );
  ProbeResult.parse(result);
  return result;
};

const listen = (s: net.Server) =>
  new Promise<number>((resolve) => s.listen(0, '127.0.0.1', () => resolve((s.address() as net.AddressInfo).port)));

let open: net.Server;
let openPort: number;
let closedPort: number;

beforeAll(async () => {
  open = net.createServer((socket) => socket.end());
  openPort = await listen(open);
  const gone = net.createServer();
  closedPort = await listen(gone);
  await new Promise((r) => gone.close(r));
});

afterAll(() => new Promise((r) => open.close(r)));

describe('TCP probe', () => {
  it('passes when the port accepts a connection', async () => {
    const r = await probe('127.0.0.1', openPort);
    expect(r).toMatchObject({ ok: true, kind: 'tcp', details: { address: '127.0.0.1' } });
    expect(r.checks[0]).toMatchObject({
      name: 'connect',
      ok: true,
      expected: `connection accepted on port ${openPort} within 2,000 ms`,
    });
    expect(r.checks[0]!.actual).toMatch(/^connected in \d+ ms$/);
  });

  it('fails with refused when nothing listens on the port', async () => {
    const r = await probe('127.0.0.1', closedPort);
    expect(r.ok).toBe(false);
    expect(r.error).toEqual({ code: 'refused', message: 'Connection refused' });
    expect(r.checks[0]).toMatchObject({ ok: false, actual: 'Connection refused' });
  });

  it('resolves a name before connecting', async () => {
    const r = await probe('localhost', openPort, {
      ...local,
      lookup: async () => [{ address: '127.0.0.1', family: 4 }],
    });
    expect(r.ok).toBe(true);
  });

  it('times out a name lookup that never ends, within the timeout', async () => {
    const started = Date.now();
    const never = { ...local, lookup: () => new Promise<never>(() => {}) };
    const r = await probe('slow.example.test', openPort, never, 300);
    expect(r.error).toEqual({ code: 'timeout', message: 'Timed out after 300 ms' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('refuses a loopback target when private targets are not allowed', async () => {
    const r = await probe('127.0.0.1', openPort, { ...local, allowPrivate: false });
    expect(r.error?.code).toBe('blocked_target');
  });
});
