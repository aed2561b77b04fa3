// Plain values from shared/ that pages need at runtime, from the zod-free file (forms that check
// a body import its schema file instead: see lib/form-check.ts).
export { COMMENT_MAX, STORY_KINDS, storyKindLabel } from '../../../shared/constants.ts';

/** The server's dedupe window (DEDUPE_WINDOW_MINUTES, 10 by default), as the page footer states it. */
export const REPORT_WINDOW_MINUTES = 10;
