import { relatedSignatures, type RelatedCandidate } from './related-services.ts';

/**
 * Which pages' "Related services" changed: when one service starts or stops having problems,
 * others' lists change too and their pages must be pushed again, not only its own.
 */
export class RelatedWatch {
  private state = '';
  private last = new Map<string, string>();

  constructor(private readonly candidates: () => RelatedCandidate[]) {}

  /** Services whose list differs from the previous call; the first call only learns. */
  changed(): string[] {
    const all = this.candidates();
    // Cheap first: the lists can only move when a level or a problem flag did.
    const state = all.map((c) => `${c.slug}:${c.level}:${c.troubled ? 1 : 0}`).join(',');
    if (state === this.state) return [];
    this.state = state;
    const next = relatedSignatures(all);
    const moved = [...next]
      .filter(([slug, sig]) => this.last.has(slug) && this.last.get(slug) !== sig)
      .map(([slug]) => slug);
    this.last = next;
    return moved;
  }
}
