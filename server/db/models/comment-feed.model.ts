import { Schema } from 'mongoose';

/**
 * The latest visible comments of one service (`_id` is the slug), kept beside the comments
 * themselves so that every process reads "latest comments" with one primary-key lookup
 * rather than a sorted query, which FerretDB answers with a full scan.
 */
export const CommentFeedSchema = new Schema(
  {
    _id: { type: String, required: true },
    items: {
      type: [{ _id: false, id: String, service: String, text: String, problem: String, createdAt: String }],
      default: [],
    },
  },
  { versionKey: false, collection: 'comment_feeds' },
);
