import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 random bits, URL-safe: the confirmation link's secret. */
export const newToken = (): string => randomBytes(32).toString('base64url');

/** What is stored instead of a token: a database leak gives no working link. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

const mac = (secret: string, subscription: string) =>
  createHmac('sha256', secret).update(`unsubscribe:${subscription}`).digest('base64url');

/**
 * Every mail carries an unsubscribe link, long after the subscription was made, so its token is
 * derived (an HMAC of the subscription id under the server's secret) rather than stored.
 */
export const unsubscribeToken = (secret: string, subscription: string): string =>
  `${subscription}.${mac(secret, subscription)}`;

/** The subscription an unsubscribe token names, or undefined when it was not made by us. */
export function readUnsubscribeToken(secret: string, token: string): string | undefined {
  const [subscription, given, ...rest] = token.split('.');
  if (!subscription || !given || rest.length || !/^[a-f0-9]{24}$/.test(subscription)) return undefined;
  const expected = Buffer.from(mac(secret, subscription));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected) ? subscription : undefined;
}
