import type { Collection, Document } from 'mongodb';
import type { Connection, Model } from 'mongoose';
import type { Comment } from '../../shared/index.ts';
import type { Models } from './models.ts';

/**
 * A document addressed by a key we compose (a slug, `service|hour`, `action:client:window`…)
 * rather than an ObjectId; the other fields are as each feature reads them.
 */
export interface KeyedDoc extends Document {
  _id: string;
}

// Closed shapes (type aliases, so the driver's Document constraint holds) where the driver's
// update typing helps: $push/$pull on `items` are checked against Comment.
export type LeaseDoc = { _id: string; holder: string; expiresAt: Date };
export type RateCounterDoc = { _id: string; n: number; expiresAt: Date };
export type CommentFeedDoc = { _id: string; items: Comment[] };

/**
 * A model's driver collection, typed with what it holds. Mongoose types every `Model.collection`
 * as holding documents with an ObjectId `_id`, so a string key needed a cast at each call; the
 * one cast is here.
 */
export function driverCollection<Doc extends Document>(model: Pick<Model<unknown>, 'collection'>): Collection<Doc> {
  return model.collection as unknown as Collection<Doc>;
}

/** A collection no model describes (per-window claim collections, reports/dedupe-claims.ts). */
export const keyedCollection = (conn: Connection, name: string): Collection<KeyedDoc> =>
  driverCollection<KeyedDoc>({ collection: conn.collection(name) });

/**
 * The collections features reach past mongoose for (counters bumped with $inc, documents keyed
 * by composed strings, batches where mongoose's per-document work costs too much).
 */
export function collections(models: Models) {
  return {
    leases: driverCollection<LeaseDoc>(models.Lease),
    rateCounters: driverCollection<RateCounterDoc>(models.RateCounter),
    commentFeeds: driverCollection<CommentFeedDoc>(models.CommentFeed),
    seriesHours: driverCollection<KeyedDoc>(models.SeriesHour),
    networkHours: driverCollection<KeyedDoc>(models.NetworkHour),
    regionHours: driverCollection<KeyedDoc>(models.RegionHour),
    serviceChecks: driverCollection<KeyedDoc>(models.ServiceChecks),
    probeHours: driverCollection<KeyedDoc>(models.ProbeHour),
    reports: driverCollection<KeyedDoc>(models.Report),
    recoveries: driverCollection<KeyedDoc>(models.Recovery),
    outgoingMails: driverCollection<KeyedDoc>(models.OutgoingMail),
    // ObjectId-keyed: typed as the driver's plain documents.
    comments: driverCollection<Document>(models.Comment),
    services: driverCollection<Document>(models.Service),
    suggestions: driverCollection<Document>(models.Suggestion),
  };
}
