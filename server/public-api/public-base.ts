import type { Request } from 'express';

/**
 * The absolute base of links we hand out (feeds, Statuspage shortlinks, embeds): PUBLIC_URL when
 * set, else the address this request came to. Set PUBLIC_URL in production: behind a CDN the
 * request's own Host is whatever the CDN forwarded.
 */
export const publicBase = (req: Request, publicUrl: string | undefined): string => publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
