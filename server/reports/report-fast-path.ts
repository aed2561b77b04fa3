import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError } from '../errors.ts';
import { errorResponse } from '../http/error-handler.ts';
import { clientKeys } from '../http/client-identity.ts';
import type { LoadShedder } from '../http/load-shedder.ts';
import type { Logger } from '../logger.ts';
import type { ReportAcceptor } from './accept-report.ts';
import { noReportHooks, type ReportHooks } from '../metrics/metric-hooks.ts';
import { refusalReason } from '../metrics/refusal-reason.ts';

const PATH = /^\/api\/services\/([^/?]+)\/reports\/?(\?.*)?$/;
const JSON_TYPE = /^application\/json\s*(;\s*charset="?utf-8"?\s*)?$/i;
/** As Express's body parser allows everywhere else. */
const MAX_BODY = 16 * 1024;

const HEADERS = {
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/**
 * The report POST, the one write outage day is made of, taken before Express when it is the
 * plain case (a JSON body of known length, not compressed): no router, no middleware chain,
 * the same acceptor and the same error shape. Anything unusual goes on to Express.
 * When the event loop runs late, reports are refused at once with 503 and Retry-After, so the
 * process keeps answering reads and accepting connections instead of drowning.
 */
export function reportFastPath(deps: {
  acceptReport: ReportAcceptor;
  salt: string;
  clientAddress: (req: IncomingMessage) => string;
  shedder: LoadShedder;
  log: Logger;
  metrics?: ReportHooks;
}): (req: IncomingMessage, res: ServerResponse) => boolean {
  const metrics = deps.metrics ?? noReportHooks;
  const fail = (req: IncomingMessage, res: ServerResponse, err: unknown, slug: string) => {
    metrics.refused(slug, refusalReason(err));
    const answer = errorResponse(err, deps.log, { method: req.method, url: req.url });
    send(res, answer.status, answer.body, answer.headers);
  };
  return (req, res) => {
    if (req.method !== 'POST') return false;
    const slug = PATH.exec(req.url ?? '')?.[1];
    const length = Number(req.headers['content-length']);
    const encoding = req.headers['content-encoding'];
    if (
      !slug ||
      !JSON_TYPE.test(req.headers['content-type'] ?? '') ||
      (encoding !== undefined && encoding.toLowerCase() !== 'identity') ||
      req.headers['transfer-encoding'] !== undefined ||
      !Number.isInteger(length) ||
      length > MAX_BODY
    ) {
      return false;
    }
    if (deps.shedder.overloaded) {
      req.resume();
      fail(
        req,
        res,
        new AppError(
          503,
          'overloaded',
          'Too many reports are arriving right now, so yours was not counted yet. It will be sent again in ' +
            'a few seconds.',
          undefined,
          undefined,
          { 'Retry-After': '5' },
        ),
        slug,
      );
      return true;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('error', () => undefined); // the client went away; nobody is left to answer
    req.on('end', () => {
      let body: unknown;
      try {
        if (size !== length)
          throw new AppError(400, 'bad_length', 'The request body is not as long as its Content-Length says.');
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        // As Express's parser (strict): a body is an object or an array, never a bare value.
        if (typeof body !== 'object' || body === null) throw new SyntaxError('not an object');
      } catch (err) {
        return fail(
          req,
          res,
          err instanceof AppError ? err : new AppError(400, 'invalid_json', 'The request body is not valid JSON.'),
          slug,
        );
      }
      const address = deps.clientAddress(req);
      const client = clientKeys(deps.salt, address, req.headers['user-agent'] ?? '');
      let path: string;
      try {
        path = decodeURIComponent(slug);
      } catch {
        return fail(req, res, new URIError('bad percent-encoding'), slug);
      }
      deps.acceptReport(path, body, client, address).then(
        (outcome) => {
          metrics.stored(path, outcome.counted);
          send(res, outcome.counted ? 201 : 200, outcome, {});
        },
        (err) => fail(req, res, err, path),
      );
    });
    return true;
  };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  if (res.headersSent || res.destroyed) return;
  const bytes = Buffer.from(JSON.stringify(body));
  res.writeHead(status, {
    ...HEADERS,
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(bytes.length),
  });
  res.end(bytes);
}
