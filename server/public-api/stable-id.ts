import { createHash } from 'node:crypto';

/**
 * A Statuspage-looking id (12 lower-case letters and digits) derived from what it names, so every
 * process and every restart gives a component or a page the same id without storing one.
 */
export function stableId(kind: string, key: string): string {
  const digest = createHash('sha1').update(`${kind}\0${key}`).digest();
  return BigInt(`0x${digest.subarray(0, 10).toString('hex')}`)
    .toString(36)
    .padStart(12, '0')
    .slice(-12);
}
