/** How many passing runs a probe's "usual" response time is the median of. */
const KEPT = 30;
const MIN_RUNS = 5;

/**
 * A probe's usual response time: the median of its last passing runs, for "10× slower than
 * usual" (overload). Held in memory from the results this process sees; a median so that one
 * slow run does not move it, and only passing runs so that an outage's timeouts do not.
 */
export class UsualLatency {
  private readonly runs = new Map<string, { at: string; ms: number }[]>();

  note(key: string, at: string, ok: boolean, ms: number | undefined): void {
    if (!ok || ms === undefined || ms <= 0) return;
    const list = this.runs.get(key) ?? [];
    if (list.at(-1)?.at === at) return;
    list.push({ at, ms });
    if (list.length > KEPT) list.shift();
    this.runs.set(key, list);
  }

  median(key: string): number | undefined {
    const ms = (this.runs.get(key) ?? []).map((r) => r.ms).sort((a, b) => a - b);
    if (ms.length < MIN_RUNS) return undefined;
    const mid = ms.length >> 1;
    return ms.length % 2 === 1 ? ms[mid]! : (ms[mid - 1]! + ms[mid]!) / 2;
  }
}
