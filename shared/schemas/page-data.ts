import { z } from 'zod';
import { PublicService, ServiceDetail } from './service.ts';
import { IncidentDetail } from './incident.ts';
import { Story } from './story.ts';

/**
 * What the server rendered a page from, handed to the browser in the page itself
 * (`<script type="application/json" id="initial-data">`) so hydration starts from the very same
 * data instead of fetching it again. A null item: the page's own "not found" state.
 */
export const PageData = z.discriminatedUnion('route', [
  z.object({ route: z.literal('service'), slug: z.string(), detail: ServiceDetail.nullable() }),
  z.object({
    route: z.literal('incident'),
    id: z.string(),
    incident: IncidentDetail.nullable(),
    service: PublicService.nullable(),
  }),
  z.object({ route: z.literal('story'), id: z.string(), story: Story.nullable(), serviceName: z.string().nullable() }),
]);
export type PageData = z.infer<typeof PageData>;
