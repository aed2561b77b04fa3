import { expertRoleLabel, type ExpertRole, type Insight } from '../../shared/index.ts';
import type { InsightDoc } from '../db/models/insight.model.ts';
import type { Models } from '../db/models.ts';

export type InsightRow = InsightDoc & { _id: unknown };

/** The public shape: the expert as verified when they posted, and whether they still are. */
export function toInsight(d: InsightRow, stillVerified: boolean): Insight {
  const role = d.expert!.role as ExpertRole;
  return {
    id: String(d._id),
    service: d.service,
    ...(d.incidentId ? { incidentId: String(d.incidentId) } : {}),
    expert: {
      name: d.expert!.name,
      role,
      roleLabel: expertRoleLabel(role),
      ...(d.expert!.affiliation ? { affiliation: d.expert!.affiliation } : {}),
      stillVerified,
    },
    body: d.body,
    links: d.links ?? [],
    helpful: d.helpful ?? 0,
    createdAt: d.createdAt.toISOString(),
  };
}

/** Many insights at once, with one query for which of their experts are still verified. */
export async function toInsights(models: Models, docs: InsightRow[]): Promise<Insight[]> {
  const ids = [...new Set(docs.map((d) => d.expertId))];
  const active = new Set(
    ids.length
      ? (await models.Expert.find({ _id: { $in: ids }, status: 'active' }, { _id: 1 }).lean()).map((e) => String(e._id))
      : [],
  );
  return docs.map((d) => toInsight(d, active.has(d.expertId)));
}
