import { z } from 'zod';

/** A scheduled window operators declare: reports during it are expected, not an outage. */
export const MaintenanceWindow = z.object({
  id: z.string(),
  service: z.string(),
  title: z.string(),
  description: z.string().optional(),
  start: z.iso.datetime(),
  end: z.iso.datetime(),
});
export type MaintenanceWindow = z.infer<typeof MaintenanceWindow>;

export const MaintenanceRequest = z
  .strictObject({
    title: z.string().trim().min(3).max(120),
    description: z.string().trim().max(2_000).optional(),
    start: z.iso.datetime({ offset: true }),
    end: z.iso.datetime({ offset: true }),
  })
  .refine((m) => new Date(m.end) > new Date(m.start), { message: 'end must be after start', path: ['end'] });
export type MaintenanceRequest = z.input<typeof MaintenanceRequest>;

export const MaintenanceList = z.object({ windows: z.array(MaintenanceWindow) });
export type MaintenanceList = z.infer<typeof MaintenanceList>;
