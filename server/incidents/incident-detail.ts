import type { IncidentDetail } from '../../shared/index.ts';
import type { Models } from '../db/models.ts';
import type { ServiceCatalog } from '../catalog/service-catalog.ts';
import { toStory } from '../stories/story-view.ts';
import type { IncidentStore } from './incident-store.ts';

/** An incident with its service's name and its visible stories: the API's answer and the page's data. */
export async function incidentDetail(
  deps: { models: Models; catalog: ServiceCatalog; store: IncidentStore },
  id: string,
): Promise<IncidentDetail | undefined> {
  const incident = await deps.store.get(id);
  if (!incident) return undefined;
  const stories = await deps.models.Story.find({ incidentId: id, status: 'visible' })
    .sort({ helpful: -1, createdAt: -1 })
    .limit(50)
    .lean();
  return {
    ...incident,
    serviceName: deps.catalog.get(incident.service)?.name ?? incident.service,
    stories: stories.map(toStory),
  };
}
