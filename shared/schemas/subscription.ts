import { z } from 'zod';

/** "Email me when this service has problems": the address, checked and lower-cased. */
export const EmailSubscribeRequest = z.strictObject({
  email: z
    .string()
    .trim()
    .max(254, 'an email address is at most 254 characters')
    .pipe(z.email('enter an email address like name@example.com'))
    .transform((e) => e.toLowerCase()),
});
export type EmailSubscribeRequest = z.input<typeof EmailSubscribeRequest>;

/** The same answer whether or not the address was subscribed already: nobody learns who is. */
export const EmailSubscribeResponse = z.object({ pending: z.literal(true) });
export type EmailSubscribeResponse = z.infer<typeof EmailSubscribeResponse>;

/** Tokens are base64url; anything else is not a link we sent. */
export const SubscriptionToken = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{20,200}$/, 'this is not a link from one of our emails');

export const ConfirmRequest = z.object({ token: SubscriptionToken });
export type ConfirmRequest = z.infer<typeof ConfirmRequest>;

export const ConfirmResponse = z.object({ confirmed: z.literal(true), service: z.string(), serviceName: z.string() });
export type ConfirmResponse = z.infer<typeof ConfirmResponse>;

export const UnsubscribeResponse = z.object({ unsubscribed: z.literal(true) });
export type UnsubscribeResponse = z.infer<typeof UnsubscribeResponse>;

/** What this site offers that depends on its configuration. */
export const SiteInfo = z.object({ email: z.boolean() });
export type SiteInfo = z.infer<typeof SiteInfo>;
