import { Schema } from 'mongoose';

/** `_id` is the SHA-256 of the session token: the token itself is never stored. */
export const AdminSessionSchema = new Schema(
  {
    _id: { type: String, required: true },
    username: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'admin_sessions' },
);
AdminSessionSchema.index({ expiresAt: 1 });
