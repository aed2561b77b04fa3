import Fuse from 'fuse.js';
import type { ServiceSummary } from '../../../shared/index.ts';

/**
 * Typo-tolerant search over names, aliases ("psn", "gpt") and slugs. Fuse's threshold 0.35
 * lets "githb", "netflx" or "chatgtp" through and keeps unrelated names out; a category
 * matches too, below names, so "bank" lists the banks.
 */
export function serviceSearch(services: readonly ServiceSummary[]) {
  const fuse = new Fuse(services, {
    keys: [
      { name: 'name', weight: 3 },
      { name: 'aliases', weight: 2.5 },
      { name: 'slug', weight: 1.5 },
      { name: 'category', weight: 0.5 },
    ],
    threshold: 0.35,
    ignoreLocation: true,
    includeScore: true,
  });
  return (query: string, limit = 8): ServiceSummary[] => {
    const q = query.trim();
    if (!q) return [];
    const exact = q.toLowerCase();
    // An exact name or alias wins whatever Fuse's scores say ("ee" is EE, not "Free").
    const hits = fuse.search(q, { limit: limit * 2 }).map((r) => r.item);
    const isExact = (s: ServiceSummary) =>
      s.name.toLowerCase() === exact || s.slug === exact || s.aliases.some((a) => a.toLowerCase() === exact);
    return [...hits.filter(isExact), ...hits.filter((s) => !isExact(s))].slice(0, limit);
  };
}
