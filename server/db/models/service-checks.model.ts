import { Schema } from 'mongoose';

/**
 * The latest result of each of a service's probes and of its official status page, in one
 * document per service (`_id` = slug): `probes.<probe id>` and `official`, each written with
 * `$set` by the process that runs probes. Every process re-reads these by primary key on its
 * refresh cycle, so the verdict is the same whichever process answers.
 */
export const ServiceChecksSchema = new Schema(
  {
    _id: { type: String, required: true },
    probes: { type: Schema.Types.Mixed, default: {} },
    official: { type: Schema.Types.Mixed, default: undefined },
  },
  { versionKey: false, collection: 'service_checks', minimize: false },
);
