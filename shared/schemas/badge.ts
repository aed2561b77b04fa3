import { z } from 'zod';

/**
 * GET /badge/:slug.json: shields.io's endpoint schema (https://shields.io/badges/endpoint-badge),
 * so `https://img.shields.io/endpoint?url=…` draws the same badge as our SVG.
 */
export const ShieldsEndpoint = z.object({
  schemaVersion: z.literal(1),
  label: z.string(),
  message: z.string(),
  /** shields.io's colour names (brightgreen, yellow, orange, red, blue). */
  color: z.string(),
  /** How long shields.io may keep the answer; it ignores anything under 300. */
  cacheSeconds: z.number().int().min(300),
});
export type ShieldsEndpoint = z.infer<typeof ShieldsEndpoint>;
