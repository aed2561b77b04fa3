import { performance } from 'node:perf_hooks';
import { LRUCache } from 'lru-cache';
import { encodeJson, type EncodedBody } from '../http/encoded-body.ts';

/** Polled documents are rebuilt at most this often unless something announced a change. */
export const REBUILD_MS = 1_000;

/**
 * Documents built from memory for every reader, serialised and compressed once per change: a
 * thousand widgets polling cost one build a second. Kept per link base (PUBLIC_URL, or each Host
 * the site is reached by: a few at most, bounded against made-up Host headers).
 */
export class BuiltOnce<Docs extends Record<string, unknown>> {
  private readonly bases = new LRUCache<
    string,
    { docs: Docs; encoded: Map<keyof Docs, EncodedBody>; builtAt: number; generation: number }
  >({ max: 8 });
  private generation = 0;

  constructor(private readonly build: (base: string) => Docs) {}

  /** Something shown changed: the next read rebuilds. */
  invalidate(): void {
    this.generation++;
  }

  docs(base: string): Docs {
    return this.held(base).docs;
  }

  encoded(base: string, key: keyof Docs): EncodedBody {
    const held = this.held(base);
    let body = held.encoded.get(key);
    if (!body) held.encoded.set(key, (body = encodeJson(held.docs[key])));
    return body;
  }

  private held(base: string) {
    const at = performance.now();
    let held = this.bases.get(base);
    if (!held || held.generation !== this.generation || at - held.builtAt >= REBUILD_MS) {
      held = { docs: this.build(base), encoded: new Map(), builtAt: at, generation: this.generation };
      this.bases.set(base, held);
    }
    return held;
  }
}
