import type { Models } from '../db/models.ts';
import type { Clock } from '../clock.ts';
import type { AuditEntry } from '../../shared/index.ts';

/** Who did what to which item, when: every operator action lands here. */
export class Audit {
  constructor(
    private readonly models: Models,
    private readonly clock: Clock,
  ) {}

  async record(actor: string, action: string, target: { type: string; id: string }, note?: string): Promise<void> {
    await this.models.Audit.create({
      actor,
      action,
      target,
      ...(note ? { note } : {}),
      at: new Date(this.clock.now()),
    });
  }

  async recent(limit = 100): Promise<AuditEntry[]> {
    const docs = await this.models.Audit.find().sort({ at: -1, _id: -1 }).limit(limit).lean();
    return docs.map((d) => ({
      id: String(d._id),
      actor: d.actor,
      action: d.action,
      target: { type: d.target!.type, id: d.target!.id },
      ...(d.note ? { note: d.note } : {}),
      at: d.at.toISOString(),
    }));
  }
}
