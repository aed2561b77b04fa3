import { monitorEventLoopDelay, performance, type IntervalHistogram } from 'node:perf_hooks';

/**
 * Whether this process is past what it can take, from how late its event loop runs: when
 * callbacks wait longer than `maxLagMs`, every request already waits that long, and taking
 * more writes would only make reads and new connections wait longer still. Reports are then
 * refused at once (503, try again shortly) while reads, which cost nothing, keep being answered.
 */
export class LoadShedder {
  private readonly histogram: IntervalHistogram;
  private readonly timer: NodeJS.Timeout;
  private lagMs = 0;
  private sampledAt = performance.now();

  constructor(private readonly opts: { maxLagMs: number; windowMs?: number }) {
    this.histogram = monitorEventLoopDelay({ resolution: 10 });
    this.histogram.enable();
    const windowMs = opts.windowMs ?? 250;
    // The timer's own lateness is a measure too: it catches a loop stalled for longer than the window.
    this.timer = setInterval(() => {
      const now = performance.now();
      const late = Math.max(0, now - this.sampledAt - windowMs);
      this.lagMs = Math.max(late, this.histogram.percentile(99) / 1e6 - 10);
      this.histogram.reset();
      this.sampledAt = now;
    }, windowMs);
    this.timer.unref();
  }

  /** Recent event-loop lag, in milliseconds (p99 over the last window). */
  get lag(): number {
    return this.lagMs;
  }

  get overloaded(): boolean {
    return this.lagMs > this.opts.maxLagMs;
  }

  stop(): void {
    clearInterval(this.timer);
    this.histogram.disable();
  }
}
