import { Schema, type InferSchemaType } from 'mongoose';

export const MaintenanceSchema = new Schema(
  {
    service: { type: String, required: true },
    title: { type: String, required: true },
    description: String,
    start: { type: Date, required: true },
    end: { type: Date, required: true },
    createdBy: { type: String, required: true },
    cancelled: { type: Boolean, default: false },
  },
  { versionKey: false, collection: 'maintenance_windows' },
);
MaintenanceSchema.index({ service: 1, end: 1 });

export type MaintenanceDoc = InferSchemaType<typeof MaintenanceSchema>;
