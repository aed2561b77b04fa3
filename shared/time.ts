/*
 * Lengths of time in milliseconds, the unit every timestamp here is in (epoch ms).
 * Plain values with no zod, so the client can import this file directly (see constants.ts).
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
