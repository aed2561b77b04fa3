import { serviceRoom } from '../../shared/index.ts';
import type { Logger } from '../logger.ts';
import type { CommentFeed } from '../comments/comment-feed.ts';
import type { LiveHub, LiveServer } from './live-hub.ts';

/** Something people see changed for a service (told by routes and moderation): what follows. */
export interface ServiceChanges {
  /** A verdict input changed (maintenance, recoveries): fuse again, then push the page. */
  service(slug: string): void;
  /** An operator changed the service's probes or official page: fuse, push, and probe now. */
  checks(slug: string): void;
  comments(slug: string): void;
  /** A comment was hidden, held or restored: fix the feed, then show it. */
  commentVisibility(slug: string, id: string, visible: boolean): void;
  stories(slug: string): void;
}

export function serviceChanges(deps: {
  live: LiveHub;
  io: LiveServer;
  log: Logger;
  comments: CommentFeed;
  fuseAll: () => void;
  probeNow: () => Promise<void>;
}): ServiceChanges {
  const { live, log } = deps;
  return {
    service: (slug) => {
      deps.fuseAll();
      live.markDirty(slug);
    },
    checks: (slug) => {
      deps.fuseAll();
      live.markDirty(slug);
      void deps.probeNow().catch((err) => log.warn({ err }, 'probe tick failed'));
    },
    comments: (slug) => live.markDirty(slug),
    commentVisibility: (slug, id, visible) => {
      (visible ? deps.comments.rebuild(slug) : deps.comments.remove(slug, id)).then(
        () => live.markDirty(slug),
        (err) => log.warn({ err }, 'comment feed update failed'),
      );
    },
    stories: (slug) => void deps.io.to(serviceRoom(slug)).emit('stories:changed', { slug }),
  };
}
