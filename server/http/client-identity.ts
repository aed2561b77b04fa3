import type { Request } from 'express';
import { clientHash } from '../reports/client-hash.ts';

/** The salted hash a request is known by (dedupe, rate limits, votes): never the raw address. */
export const clientIdentity = (salt: string) => (req: Request) => clientHash(salt, req.ip ?? '', req.get('user-agent') ?? '');

export type ClientOf = ReturnType<typeof clientIdentity>;
