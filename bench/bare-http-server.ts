// The yardstick for `npm run bench`: the least a Node process can do for a request.
//  - GET (any path), when BARE_GET_BODY_FILE is set: answers 200 with that file's bytes and the
//    headers in BARE_GET_HEADERS (a JSON object), e.g. the very gzip bytes and headers the app
//    served for a status read, so the two differ only in what the app does to produce them.
//  - Anything else (any path): reads the body, answers 201 with a tiny JSON, as a no-op report
//    would (and as a probe target for `npm run bench:probes`).
import http from 'node:http';
import { readFileSync } from 'node:fs';

const bodyFile = process.env.BARE_GET_BODY_FILE;
const getBody = bodyFile ? readFileSync(bodyFile) : undefined;
const getHeaders: Record<string, string> = {
  ...(process.env.BARE_GET_HEADERS ? (JSON.parse(process.env.BARE_GET_HEADERS) as Record<string, string>) : {}),
  ...(getBody ? { 'content-length': String(getBody.length) } : {}),
};

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && getBody) {
    res.writeHead(200, getHeaders);
    res.end(getBody);
    return;
  }
  req.resume();
  req.on('end', () => {
    res.writeHead(201, { 'content-type': 'application/json' });
    res.end('{"counted":true}');
  });
});
// The app's accept queue (server/start.ts), so a connection storm meets the same queue on both.
server.listen({ port: 0, host: '127.0.0.1', backlog: 4_096 }, () => {
  const { port } = server.address() as { port: number };
  console.log(`listening http://127.0.0.1:${port}`);
});
process.on('SIGTERM', () => process.exit(0));
