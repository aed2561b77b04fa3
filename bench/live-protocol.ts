// What `npm run bench:live` and its viewer processes (bench/live-viewer-client.ts) say to each other.

export interface ViewerOptions {
  url: string;
  slug: string;
  count: number;
  /** Connections being opened at once. */
  parallel: number;
}

export type ViewerMessage =
  | { type: 'ready'; connected: number; failed: number; errors: Record<string, number>; seconds: number }
  | {
      type: 'latencies';
      histogram: number[];
      missing: number;
      early: number;
      pairs: number;
      updatesPerViewer: number;
      disconnects: number;
      cpuSeconds: number;
      arrivals: Arrival[];
      updateBytes: number;
    };

/** Samples from the parent: base count (lastHour before the load) and [epoch ms of a 201, 201s so far]. */
export type ParentMessage = { type: 'samples'; base: number; samples: [number, number][] } | { type: 'close' };

/** Latencies kept to the millisecond up to a minute; beyond that they land in the last bucket. */
export const HISTOGRAM_MS = 60_000;

/** One update (known by its lastHour count) as this process's viewers got it: first and last arrival, epoch ms. */
export type Arrival = [count: number, first: number, last: number, viewers: number];
