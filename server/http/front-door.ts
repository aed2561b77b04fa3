import http from 'node:http';
import type { Express } from 'express';

/** Answers a request itself (true) or leaves it to the next. */
export type RequestTaker = (req: http.IncomingMessage, res: http.ServerResponse) => boolean;

/**
 * The one HTTP server. Its request handler exists before socket.io attaches: engine.io then
 * takes /socket.io/ for itself and hands only the rest on. A second 'request' listener added
 * later would see /socket.io/ too and answer polls that engine.io answers again, a crash
 * (ERR_HTTP_HEADERS_SENT). What answers is set once built, before the server listens: outage
 * day's two requests, reads and reports, and widgets' polls are taken before Express.
 */
export function frontDoor() {
  let takers: RequestTaker[] = [];
  let app: Express | undefined;
  const server = http.createServer((req, res) => {
    for (const take of takers) if (take(req, res)) return;
    app!(req, res);
  });
  return {
    server,
    serve(first: RequestTaker[], express: Express): void {
      takers = first;
      app = express;
    },
  };
}

/** Listens with a deep accept queue; resolves with the port and the URL to reach it on. */
export async function listen(server: http.Server, port: number, host: string): Promise<{ port: number; url: string }> {
  // On outage day thousands connect at once, and a full queue means SYN retries a second later
  // (the kernel caps it at net.core.somaxconn).
  await new Promise<void>((resolve) => server.listen({ port, host, backlog: 4_096 }, resolve));
  const bound = (server.address() as { port: number }).port;
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return { port: bound, url: `http://${shown}:${bound}` };
}
