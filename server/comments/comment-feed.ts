import type { Models } from '../db/models.ts';
import type { Comment } from '../../shared/index.ts';
import { isDuplicateKey } from '../db/database-errors.ts';
import { collections } from '../db/collections.ts';

/** What a page shows; the feed document keeps a few more so a hidden one leaves no gap. */
const SHOWN = 20;
const KEPT = 40;
/** Trim once the feed document holds this many: a rare rewrite instead of one per comment. */
const TRIM_AT = 80;

/**
 * The latest visible comments per service: in memory for page loads and live updates, and in
 * one feed document per service in the database so every process can refresh by primary key.
 */
export class CommentFeed {
  private readonly bySlug = new Map<string, Comment[]>();

  constructor(private readonly models: Models) {}

  /** Re-reads the feed documents of some services. */
  async refresh(slugs: string[]): Promise<void> {
    await Promise.all(
      slugs.map(async (slug) => {
        const doc = await collections(this.models).commentFeeds.findOne({ _id: slug });
        const items = (doc?.items ?? []).map(clean);
        this.bySlug.set(slug, newestFirst(items).slice(0, SHOWN));
        if (items.length >= TRIM_AT) await this.trim(slug, items).catch(() => undefined);
      }),
    );
  }

  /** Adds new comments to their services' feed documents and to memory. */
  async append(comments: Comment[]): Promise<void> {
    const bySlug = new Map<string, Comment[]>();
    for (const c of comments) bySlug.set(c.service, [...(bySlug.get(c.service) ?? []), c]);
    await Promise.all([...bySlug].map(([slug, list]) => this.push(slug, list)));
    for (const c of comments) this.remember(c);
  }

  /** Takes a comment out of its service's feed (hidden, or held for review). */
  async remove(slug: string, id: string): Promise<void> {
    await collections(this.models).commentFeeds.updateOne({ _id: slug }, { $pull: { items: { id } } });
    this.bySlug.set(
      slug,
      (this.bySlug.get(slug) ?? []).filter((c) => c.id !== id),
    );
  }

  /** Rebuilds a feed from the comments themselves (after a restore, which may bring back an older one). */
  async rebuild(slug: string): Promise<void> {
    const docs = await this.models.Comment.find({ service: slug, status: 'visible' })
      .sort({ createdAt: -1 })
      .limit(KEPT)
      .lean();
    const items = docs.map(toComment);
    await collections(this.models).commentFeeds.updateOne({ _id: slug }, { $set: { items } }, { upsert: true });
    this.bySlug.set(slug, items.slice(0, SHOWN));
  }

  latest(slug: string, n = 10): Comment[] {
    return (this.bySlug.get(slug) ?? []).slice(0, n);
  }

  /** Whether more than `n` comments exist (the feed keeps a few beyond what pages show). */
  hasMoreThan(slug: string, n = 10): boolean {
    return (this.bySlug.get(slug)?.length ?? 0) > n;
  }

  private remember(comment: Comment): void {
    const list = (this.bySlug.get(comment.service) ?? []).filter((c) => c.id !== comment.id);
    this.bySlug.set(comment.service, newestFirst([comment, ...list]).slice(0, SHOWN));
  }

  private async push(slug: string, list: Comment[]): Promise<void> {
    const feed = collections(this.models).commentFeeds;
    try {
      await feed.updateOne({ _id: slug }, { $push: { items: { $each: list } } }, { upsert: true });
    } catch (err) {
      // Two processes creating the same feed at once: the loser's upsert collides; push again.
      if (!isDuplicateKey(err)) throw err;
      await feed.updateOne({ _id: slug }, { $push: { items: { $each: list } } });
    }
  }

  /** Keeps the newest KEPT, only if nobody appended meanwhile (the array still ends where we read it). */
  private async trim(slug: string, items: Comment[]): Promise<void> {
    const last = items.length - 1;
    await collections(this.models).commentFeeds.updateOne(
      { _id: slug, [`items.${last}.id`]: items[last]!.id, [`items.${last + 1}`]: { $exists: false } },
      { $set: { items: newestFirst(items).slice(0, KEPT).reverse() } },
    );
  }
}

const newestFirst = (list: Comment[]) => [...list].sort((a, b) => b.createdAt.localeCompare(a.createdAt));

/** Feed documents come back with whatever the driver adds; keep the public shape only. */
const clean = (c: Comment): Comment => ({
  id: c.id,
  service: c.service,
  text: c.text,
  ...(c.problem ? { problem: c.problem } : {}),
  createdAt: c.createdAt,
});

export function toComment(d: {
  _id: unknown;
  service: string;
  text: string;
  problem?: string | null;
  createdAt: Date;
}): Comment {
  return {
    id: String(d._id),
    service: d.service,
    text: d.text,
    ...(d.problem ? { problem: d.problem } : {}),
    createdAt: d.createdAt.toISOString(),
  };
}
