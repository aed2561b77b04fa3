import { MAX_LINK } from './field-limits.ts';

/**
 * A link from a status page, kept only when it is an absolute http(s) URL: it ends up as an
 * href in front of people, so javascript:, data: and relative junk are dropped, not repaired.
 * Returns the URL as the URL parser normalised it (tabs and newlines inside a scheme, which
 * browsers ignore, cannot smuggle one past the check).
 */
export function httpLink(raw: unknown): string | undefined {
  if (typeof raw !== 'string' || raw.length > MAX_LINK) return undefined;
  try {
    const url = new URL(raw.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
