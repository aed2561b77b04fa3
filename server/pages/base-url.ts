import type { Request } from 'express';

/**
 * Where people reach the site, for absolute links (canonical, og:url, the sitemap): PUBLIC_URL
 * when set; otherwise the address of this request (scheme and host as the trusted proxy tells).
 */
export const baseUrlOf = (req: Request, publicUrl: string | undefined) => publicUrl ?? `${req.protocol}://${req.host}`;
