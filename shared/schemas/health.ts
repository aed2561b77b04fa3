import { z } from 'zod';

/** GET /api/health: 200 with `ok` while the database answers, 503 with `degraded` while it does not. */
export const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.enum(['up', 'down']),
});
export type Health = z.infer<typeof Health>;
