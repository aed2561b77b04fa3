import type { Status, StatusLevel } from '../../shared/index.ts';

export interface Verdict {
  level: StatusLevel;
  confidence: number;
  reasons: string[];
  /** When the situation began, if known better than "when the level changed" (an incident's start). */
  since?: number;
}

/** The current fused verdict per service, and since when it holds. */
export class StatusBoard {
  private readonly bySlug = new Map<string, Status>();

  constructor(private readonly startedAt: number) {}

  get(slug: string): Status {
    return (
      this.bySlug.get(slug) ?? {
        level: 'operational',
        confidence: 0.5,
        reasons: ['Nothing unusual in user reports.'],
        since: new Date(this.startedAt).toISOString(),
      }
    );
  }

  /** Records a verdict; true when what people see changed. */
  update(slug: string, verdict: Verdict, now: number): boolean {
    const before = this.bySlug.get(slug);
    const since =
      verdict.since !== undefined
        ? new Date(verdict.since).toISOString()
        : before && before.level === verdict.level
          ? before.since
          : new Date(before ? now : this.startedAt).toISOString();
    const next: Status = {
      level: verdict.level,
      confidence: Math.round(verdict.confidence * 100) / 100,
      reasons: verdict.reasons,
      since,
    };
    this.bySlug.set(slug, next);
    return !before || JSON.stringify(before) !== JSON.stringify(next);
  }
}
