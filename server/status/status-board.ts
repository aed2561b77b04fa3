import type { Status } from '../../shared/index.ts';

/**
 * The current fused verdict per service. Until detection, probes and official status feed it,
 * every service is operational; the shape is fixed so later signals only fill it in.
 */
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

  set(slug: string, status: Status): void {
    this.bySlug.set(slug, status);
  }
}
