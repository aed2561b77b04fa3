import type { Connection } from 'mongoose';
import { ServiceSchema } from './models/service.model.ts';
import { ReportSchema } from './models/report.model.ts';
import { RecoverySchema } from './models/recovery.model.ts';
import { CommentSchema } from './models/comment.model.ts';
import { SettingSchema } from './models/setting.model.ts';
import { StorySchema } from './models/story.model.ts';
import { VoteSchema } from './models/vote.model.ts';
import { RateCounterSchema } from './models/rate-counter.model.ts';
import { AdminSessionSchema } from './models/admin-session.model.ts';
import { AuditSchema } from './models/audit.model.ts';
import { MaintenanceSchema } from './models/maintenance.model.ts';
import { IncidentSchema, OpenIncidentSchema } from './models/incident.model.ts';
import { LeaseSchema } from './models/lease.model.ts';
import { SeriesHourSchema } from './models/series-hour.model.ts';
import { NetworkHourSchema } from './models/network-hour.model.ts';
import { RegionHourSchema } from './models/region-hour.model.ts';
import { CommentFeedSchema } from './models/comment-feed.model.ts';
import { ServiceChecksSchema } from './models/service-checks.model.ts';
import { ProbeHourSchema } from './models/probe-hour.model.ts';
import { SubscriptionSchema } from './models/subscription.model.ts';
import { OutgoingMailSchema } from './models/outgoing-mail.model.ts';
import { SuggestionSchema } from '../suggestions/suggestion.model.ts';
import { ExpertCredentialSchema, ExpertSchema } from './models/expert.model.ts';
import { InsightSchema } from './models/insight.model.ts';

/** Registers every model on one connection; the app receives this object, never globals. */
export function createModels(conn: Connection) {
  return {
    Service: conn.model('Service', ServiceSchema),
    Report: conn.model('Report', ReportSchema),
    Recovery: conn.model('Recovery', RecoverySchema),
    SeriesHour: conn.model('SeriesHour', SeriesHourSchema),
    NetworkHour: conn.model('NetworkHour', NetworkHourSchema),
    RegionHour: conn.model('RegionHour', RegionHourSchema),
    Comment: conn.model('Comment', CommentSchema),
    CommentFeed: conn.model('CommentFeed', CommentFeedSchema),
    Setting: conn.model('Setting', SettingSchema),
    Story: conn.model('Story', StorySchema),
    Vote: conn.model('Vote', VoteSchema),
    RateCounter: conn.model('RateCounter', RateCounterSchema),
    AdminSession: conn.model('AdminSession', AdminSessionSchema),
    Audit: conn.model('Audit', AuditSchema),
    Maintenance: conn.model('Maintenance', MaintenanceSchema),
    Incident: conn.model('Incident', IncidentSchema),
    OpenIncident: conn.model('OpenIncident', OpenIncidentSchema),
    Lease: conn.model('Lease', LeaseSchema),
    ServiceChecks: conn.model('ServiceChecks', ServiceChecksSchema),
    ProbeHour: conn.model('ProbeHour', ProbeHourSchema),
    Subscription: conn.model('Subscription', SubscriptionSchema),
    OutgoingMail: conn.model('OutgoingMail', OutgoingMailSchema),
    Suggestion: conn.model('Suggestion', SuggestionSchema),
    Expert: conn.model('Expert', ExpertSchema),
    ExpertCredential: conn.model('ExpertCredential', ExpertCredentialSchema),
    Insight: conn.model('Insight', InsightSchema),
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
