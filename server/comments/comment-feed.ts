import type { Models } from '../db/models.ts';
import type { Comment } from '../../shared/index.ts';
import type { StoredReport } from '../reports/report-writer.ts';

const KEEP = 20;

/** The latest visible comments per service, held in memory for page loads and live updates. */
export class CommentFeed {
  private readonly bySlug = new Map<string, Comment[]>();

  constructor(private readonly models: Models) {}

  async refresh(slugs: string[]): Promise<void> {
    await Promise.all(
      slugs.map(async (slug) => {
        const docs = await this.models.Comment.find({ service: slug, status: 'visible' })
          .sort({ createdAt: -1 })
          .limit(KEEP)
          .lean();
        this.bySlug.set(slug, docs.map(toComment));
      }),
    );
  }

  applyReports(reports: StoredReport[]): void {
    for (const r of reports) {
      if (!r.commentId || !r.comment) continue;
      this.add({ id: r.commentId, service: r.service, text: r.comment, problem: r.problem, createdAt: new Date(r.receivedAt).toISOString() });
    }
  }

  add(comment: Comment): void {
    const list = this.bySlug.get(comment.service) ?? [];
    if (list.some((c) => c.id === comment.id)) return;
    list.unshift(comment);
    list.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    this.bySlug.set(comment.service, list.slice(0, KEEP));
  }

  latest(slug: string, n = 10): Comment[] {
    return (this.bySlug.get(slug) ?? []).slice(0, n);
  }
}

export function toComment(d: { _id: unknown; service: string; text: string; problem?: string | null; createdAt: Date }): Comment {
  return {
    id: String(d._id),
    service: d.service,
    text: d.text,
    ...(d.problem ? { problem: d.problem } : {}),
    createdAt: d.createdAt.toISOString(),
  };
}
