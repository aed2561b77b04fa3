import { z } from 'zod';
import { ModerationStatus } from './comment.ts';
import { StoryKind } from './story.ts';

export const LoginRequest = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(200),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

/** GET /api/admin/session: who is signed in here, if anyone (200 either way, so pages can ask freely). */
export const AdminSession = z.union([
  z.object({ signedIn: z.literal(true), username: z.string(), expiresAt: z.iso.datetime() }),
  z.object({ signedIn: z.literal(false), expired: z.boolean() }),
]);
export type AdminSession = z.infer<typeof AdminSession>;

export const ModerationItem = z.object({
  type: z.enum(['comment', 'story']),
  id: z.string(),
  service: z.string(),
  status: ModerationStatus,
  text: z.string(),
  title: z.string().optional(),
  storyKind: StoryKind.optional(),
  flags: z.number().int().nonnegative(),
  flagReasons: z.record(z.string(), z.number().int()),
  createdAt: z.iso.datetime(),
});
export type ModerationItem = z.infer<typeof ModerationItem>;

export const ModerationQuery = z.object({
  status: z.enum(['held', 'flagged', 'hidden', 'all']).default('held'),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const ModerationAction = z.strictObject({
  action: z.enum(['hide', 'restore']),
  note: z.string().trim().max(500).optional(),
});
export type ModerationAction = z.input<typeof ModerationAction>;

export const AuditEntry = z.object({
  id: z.string(),
  actor: z.string(),
  action: z.string(),
  target: z.object({ type: z.string(), id: z.string() }),
  note: z.string().optional(),
  at: z.iso.datetime(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const ModerationQueue = z.object({ items: z.array(ModerationItem) });
export type ModerationQueue = z.infer<typeof ModerationQueue>;

export const ModerationResult = z.object({
  id: z.string(),
  type: z.enum(['comment', 'story']),
  status: ModerationStatus,
});
export type ModerationResult = z.infer<typeof ModerationResult>;

export const AuditLog = z.object({ entries: z.array(AuditEntry) });
export type AuditLog = z.infer<typeof AuditLog>;
