import { pino, type Logger } from 'pino';
import { createRequire } from 'node:module';

export type { Logger };

/** JSON lines for machines; with `pretty` (a terminal), pino-pretty's readable lines if installed. */
export function createLogger(level: string, opts: { pretty?: boolean } = {}): Logger {
  const base = { level, base: undefined, redact: ['req.headers.cookie', 'req.headers.authorization'] };
  if (opts.pretty && canResolve('pino-pretty')) {
    return pino({
      ...base,
      transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } },
    });
  }
  return pino(base);
}

function canResolve(pkg: string): boolean {
  try {
    createRequire(import.meta.url).resolve(pkg);
    return true;
  } catch {
    return false;
  }
}
