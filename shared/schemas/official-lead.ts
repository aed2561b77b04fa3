import { z } from 'zod';

/**
 * When the service's own status page first showed the trouble of an incident (an official
 * incident, or a component not operational), and how long after our detection that was:
 * positive when we saw it first, negative when the vendor was first.
 */
export const OfficialAck = z.object({
  acknowledgedAt: z.iso.datetime(),
  /** acknowledgedAt − the incident's openedAt, in whole seconds. */
  leadSeconds: z.number().int(),
});
export type OfficialAck = z.infer<typeof OfficialAck>;

/** Over a service's recent incidents the vendor acknowledged: how far ahead of its page we usually are. */
export const OfficialLead = z.object({
  medianSeconds: z.number().int(),
  incidents: z.number().int().positive(),
});
export type OfficialLead = z.infer<typeof OfficialLead>;
