// Plain values from shared/ that pages need at runtime: imported from the zod-free file only
// (see shared/constants.ts for why).
export { COMMENT_MAX, STORY_KINDS, storyKindLabel } from '../../../shared/constants.ts';
