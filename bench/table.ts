// Printing for the benchmarks: the machine they ran on, and Markdown tables.
import { cpus, totalmem } from 'node:os';
import { readFileSync } from 'node:fs';
import type { LoadResult } from './loads.ts';

const read = (file: string) => {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return '?';
  }
};

/** Cores, CPU model, memory, Node, load average, and the limits that matter to many sockets. */
export function machineLine(): string {
  const cpu = cpus();
  const gib = (totalmem() / 2 ** 30).toFixed(1);
  const load = read('/proc/loadavg').split(' ').slice(0, 3).join(' ');
  return [
    `machine: ${cpu.length} cores, ${cpu[0]?.model ?? '?'}, ${gib} GiB RAM; Node ${process.version}`,
    `load average before the run: ${load} (other work on this machine shares the cores)`,
    `open files limit: ${fdLimit()}; somaxconn ${read('/proc/sys/net/core/somaxconn')}, ` +
      `tcp_max_syn_backlog ${read('/proc/sys/net/ipv4/tcp_max_syn_backlog')}`,
  ].join('\n');
}

/** The soft limit on open files this process (and so its children) has. */
export function fdLimit(): number {
  const m = /Max open files\s+(\d+|unlimited)/.exec(read('/proc/self/limits'));
  return !m || m[1] === 'unlimited' ? Infinity : Number(m[1]);
}

export const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');
export const ms = (n: number) => (Number.isFinite(n) ? `${int(n)} ms` : '–');
export const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : '–');

/**
 * "201: 20,410 · 503: 12 · timeouts 0 · ECONNRESET 3": every answer that was not the expected one, and every failure.
 */
export function errorsCell(r: LoadResult, ok: number[]): string {
  const parts = Object.entries(r.status)
    .filter(([code]) => !ok.includes(Number(code)))
    .map(([code, n]) => `${code}: ${int(n)}`);
  parts.push(`timeouts ${int(r.timeouts)}`);
  const resets = r.socketErrors.ECONNRESET ?? 0;
  parts.push(`resets ${int(resets)}`);
  for (const [code, n] of Object.entries(r.socketErrors)) if (code !== 'ECONNRESET') parts.push(`${code} ${int(n)}`);
  return parts.join(' · ');
}

/** A Markdown table, columns padded so it reads in a terminal too. */
export function table(head: string[], rows: string[][]): string {
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(width[i]!)).join(' | ')} |`;
  return [line(head), `|${width.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

/** Pass/fail beside a target, for the table's last column. */
export const verdict = (ok: boolean, target: string) => `${target} ${ok ? '✓' : '✗'}`;

/** Jiffies the whole machine spent busy and in all, from /proc/stat: how much of the 2 cores anything used. */
export function machineJiffies(): { busy: number; total: number } {
  const f = read('/proc/stat').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = f.reduce((a, b) => a + b, 0);
  return { busy: total - (f[3] ?? 0) - (f[4] ?? 0), total };
}

/** Kernel TCP counters: accept-queue overflows and SYNs sent again (system-wide). */
export function tcpCounters(): { listenOverflows: number; synRetrans: number } {
  const lines = read('/proc/net/netstat')
    .split('\n')
    .filter((l) => l.startsWith('TcpExt:'));
  const names = lines[0]?.split(/\s+/) ?? [];
  const values = lines[1]?.split(/\s+/).map(Number) ?? [];
  const get = (name: string) => values[names.indexOf(name)] ?? NaN;
  return { listenOverflows: get('ListenOverflows'), synRetrans: get('TCPSynRetrans') };
}
