// The loads the benchmarks send, and how to run one in its own Node process.
// Every load runs in a child process (bench/load-runner.ts), so the bench's own process (the
// database driver, the child processes' output) never competes with the load generator's
// event loop, and two loads can run side by side (reports and reads) without one starving the
// other's measurement.
import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

export interface LoadSpec {
  url: string;
  /**
   * report: POST {problem} to `path`, every request a new person on a new address;
   * read: GET `path` with Accept-Encoding: gzip;
   * post: the same POST without distinct people (for the bare server).
   */
  kind: 'report' | 'read' | 'post';
  path: string;
  connections: number;
  seconds: number;
  /** A request unanswered this long counts as a timeout (autocannon's `timeout`). */
  timeoutSeconds?: number;
  /** Reports per second, sent at a steady pace by bench/paced-sender.ts instead of autocannon; unpaced when absent. */
  overallRate?: number;
  /** Paced loads only: every request on a new connection (a new visitor), not over kept-alive ones. */
  freshConnections?: boolean;
  /** First person number of this load; see `personBlock`. */
  personBase?: number;
  /** Record [time, count] at every n-th 201, for the live bench (paced loads only). */
  sampleEvery?: number;
  /**
   * Connect from this many loopback addresses (127.0.0.2, .3, …) in turn rather than 127.0.0.1:
   * nginx in front of several processes routes by the client's address.
   */
  sourceAddresses?: number;
  /** Wall-clock epoch ms to start at, to line up loads run side by side. */
  startAt?: number;
}

export interface LoadResult {
  seconds: number;
  /** Responses (any status) per second. */
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** p99 of requests sent after the first 2 s, once every connection is open (autocannon loads only). */
  p99AfterRamp?: number;
  /** Responses by status code. */
  status: Record<string, number>;
  /** Requests unanswered after `timeoutSeconds`. */
  timeouts: number;
  /** Socket errors by code (ECONNRESET, EPIPE, ECONNREFUSED…). */
  socketErrors: Record<string, number>;
  /** 429 and 503 answers without a Retry-After header, by status. */
  withoutRetryAfter: Record<string, number>;
  /** Requests sent but neither answered nor failed when the load stopped. */
  inFlightAtStop: number;
  /** How long the oldest of those had waited when the load stopped: a hang shows here even before it times out. */
  oldestInFlightMs: number;
  /** [epoch ms, 201s so far] at every `sampleEvery`-th 201. */
  samples: [number, number][];
  /** CPU seconds the load generator used (user + system): is it the bottleneck? */
  cpuSeconds: number;
}

/** A report is a different person on a different address: each load takes its own block of numbers. */
let nextBlock = 0;
export const personBlock = () => ++nextBlock * 1_000_000;

/**
 * The person number as an address spread over /24s (consecutive numbers land in different /24s),
 * and a User-Agent of their own. 10.0.0.0/8 is only a header value here: every request goes to
 * 127.0.0.1, which the app trusts to tell it the client's address (TRUST_PROXY=loopback).
 */
export const personHeaders = (n: number) => ({
  'x-forwarded-for': `10.${n & 255}.${(n >> 8) & 255}.${(n >> 16) & 255}`,
  'user-agent': `outage-radar-bench/${n}`,
});

/** Runs one load in a child process and resolves with what it measured. */
export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const script = spec.overallRate ? 'bench/paced-sender.ts' : 'bench/load-runner.ts';
  const child = spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify(spec)], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (code === 0 && line) resolve(JSON.parse(line.slice(7)) as LoadResult);
      else reject(new Error(`load runner exited ${code}: ${out.slice(-2_000)}`));
    });
  });
}

/** All status codes other than those listed, summed. */
export const statusOtherThan = (r: LoadResult, ...codes: number[]) =>
  Object.entries(r.status).reduce((n, [code, count]) => (codes.includes(Number(code)) ? n : n + count), 0);

export const socketErrorCount = (r: LoadResult) => Object.values(r.socketErrors).reduce((a, b) => a + b, 0);
