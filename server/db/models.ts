import type { Connection } from 'mongoose';
import { ServiceSchema } from './models/service.model.ts';
import { ReportSchema } from './models/report.model.ts';
import { BucketSchema } from './models/bucket.model.ts';
import { ClaimSchema } from './models/claim.model.ts';
import { CommentSchema } from './models/comment.model.ts';
import { SettingSchema } from './models/setting.model.ts';
import { StorySchema } from './models/story.model.ts';
import { VoteSchema } from './models/vote.model.ts';
import { RateCounterSchema } from './models/rate-counter.model.ts';
import { AdminSessionSchema } from './models/admin-session.model.ts';
import { AuditSchema } from './models/audit.model.ts';
import { MaintenanceSchema } from './models/maintenance.model.ts';

/** Registers every model on one connection; the app receives this object, never globals. */
export function createModels(conn: Connection) {
  return {
    Service: conn.model('Service', ServiceSchema),
    Report: conn.model('Report', ReportSchema),
    Bucket: conn.model('Bucket', BucketSchema),
    Claim: conn.model('Claim', ClaimSchema),
    Comment: conn.model('Comment', CommentSchema),
    Setting: conn.model('Setting', SettingSchema),
    Story: conn.model('Story', StorySchema),
    Vote: conn.model('Vote', VoteSchema),
    RateCounter: conn.model('RateCounter', RateCounterSchema),
    AdminSession: conn.model('AdminSession', AdminSessionSchema),
    Audit: conn.model('Audit', AuditSchema),
    Maintenance: conn.model('Maintenance', MaintenanceSchema),
  };
}

export type Models = ReturnType<typeof createModels>;

/** Creates collections and indexes once at start; the unique ones carry correctness. */
export async function ensureIndexes(models: Models): Promise<void> {
  for (const model of Object.values(models)) {
    await model.createCollection().catch((err: { codeName?: string }) => {
      if (err.codeName !== 'NamespaceExists') throw err;
    });
    await model.createIndexes();
  }
}
