import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { matchesEtag, pickEncoding, type EncodedBody } from '../http/encoded-body.ts';

/** Like encodeJson, for a body that is already text (an SVG): compressed once, sent to everyone. */
export function encodeText(text: string): EncodedBody {
  const identity = Buffer.from(text);
  return {
    etag: `"${createHash('sha1').update(identity).digest('base64url')}"`,
    identity,
    gzip: gzipSync(identity, { level: 6 }),
    br: brotliCompressSync(identity),
  };
}

/** sendEncoded for any content type and status: 304 when the reader has it, else the best encoding it accepts. */
export function sendEncodedAs(
  req: IncomingMessage,
  res: ServerResponse,
  body: EncodedBody,
  opts: { status: number; contentType: string; headers: Record<string, string> },
): void {
  const common = { ...opts.headers, etag: body.etag, vary: 'Accept-Encoding' };
  if (matchesEtag(req.headers['if-none-match'], body.etag)) {
    res.writeHead(304, common).end();
    return;
  }
  const encoding = pickEncoding(req.headers['accept-encoding']);
  const bytes = body[encoding];
  res.writeHead(opts.status, {
    ...common,
    'content-type': opts.contentType,
    'content-length': String(bytes.length),
    ...(encoding === 'identity' ? {} : { 'content-encoding': encoding }),
  });
  res.end(req.method === 'HEAD' ? undefined : bytes);
}
