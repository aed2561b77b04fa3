import type { RequestHandler } from 'express';
import type { Logger } from '../logger.ts';
import type { HttpHooks } from '../metrics/metric-hooks.ts';

/** One in this many answered 4xx is logged: enough to see a pattern, never a flood of lines. */
const CLIENT_ERROR_SAMPLE = 20;

/**
 * Request logging that costs less than the response it describes: one `finish` listener, no
 * child logger, no serialisers. Failures (5xx) are always logged; refusals (4xx) are sampled;
 * everything else only at debug level.
 */
export function accessLog(log: Logger, metrics?: HttpHooks): RequestHandler {
  let refusals = 0;
  return (req, res, next) => {
    const started = performance.now();
    res.once('finish', () => {
      const status = res.statusCode;
      // The route's pattern, never the URL (a label per URL would grow without bound). The client's
      // pages are regex routes; static files and requests refused before any route have none.
      metrics?.answered(
        req.route ? (typeof req.route.path === 'string' ? req.route.path : 'client_page') : 'no_route',
        status,
      );
      const line = () => ({
        method: req.method,
        url: req.originalUrl,
        status,
        ms: Math.round(performance.now() - started),
      });
      if (status >= 500) log.error(line(), 'request failed');
      else if (status >= 400 && refusals++ % CLIENT_ERROR_SAMPLE === 0)
        log.info({ ...line(), sampled: `1 in ${CLIENT_ERROR_SAMPLE}` }, 'request refused');
      else if (log.isLevelEnabled('debug')) log.debug(line(), 'request');
    });
    next();
  };
}
