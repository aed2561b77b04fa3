import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** A JSON body serialised and compressed once, to be sent to any number of readers. */
export interface EncodedBody {
  /** Strong: the same bytes give the same tag in every process, so a CDN in front of several agrees. */
  etag: string;
  identity: Buffer;
  gzip: Buffer;
  br: Buffer;
}

// Quality 5 compresses a service page within a few percent of 11 at a twentieth of the cost;
// a body is built about once a second per changed service, not once per reader.
const BROTLI = {
  params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT },
};

export function encodeJson(value: unknown): EncodedBody {
  const identity = Buffer.from(JSON.stringify(value));
  return {
    etag: `"${createHash('sha1').update(identity).digest('base64url')}"`,
    identity,
    gzip: gzipSync(identity, { level: 6 }),
    br: brotliCompressSync(identity, BROTLI),
  };
}

/** br, then gzip, then none: from Accept-Encoding, ignoring q-values other than an explicit 0. */
export function pickEncoding(accept: string | undefined): 'br' | 'gzip' | 'identity' {
  if (!accept) return 'identity';
  const offered = new Set(
    accept
      .toLowerCase()
      .split(',')
      .map((part) => part.trim().split(';'))
      .filter(([, q]) => !q || !/^\s*q\s*=\s*0(\.0*)?\s*$/.test(q))
      .map(([name]) => name!.trim()),
  );
  if (offered.has('br')) return 'br';
  if (offered.has('gzip') || offered.has('*')) return 'gzip';
  return 'identity';
}

/** Whether If-None-Match names this tag (a list, weak or strong, or `*`). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

/** Sends an encoded body: 304 when the reader has it, else the best encoding it accepts. */
export function sendEncoded(
  req: IncomingMessage,
  res: ServerResponse,
  body: EncodedBody,
  headers: Record<string, string>,
): void {
  const common = { ...headers, etag: body.etag, vary: 'Accept-Encoding' };
  if (matchesEtag(req.headers['if-none-match'], body.etag)) {
    res.writeHead(304, common);
    res.end();
    return;
  }
  const encoding = pickEncoding(req.headers['accept-encoding']);
  const bytes = body[encoding];
  res.writeHead(200, {
    ...common,
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(bytes.length),
    ...(encoding === 'identity' ? {} : { 'content-encoding': encoding }),
  });
  res.end(req.method === 'HEAD' ? undefined : bytes);
}
