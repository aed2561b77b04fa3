import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { Server } from 'socket.io';
import { LiveHub, type LiveServer } from '../../../server/live/live-hub.ts';

describe('LiveHub', () => {
  it('logs a tick that fails and keeps ticking, instead of an unhandled rejection', async () => {
    const lines: { msg: string }[] = [];
    const log = pino(new Writable({ write: (chunk, _enc, done) => (lines.push(JSON.parse(String(chunk))), done()) }));
    const io: LiveServer = new Server();
    let builds = 0;
    const hub = new LiveHub({
      io,
      log,
      intervalMs: 20,
      refresh: async () => {},
      changed: () => {},
      build: () => {
        builds++;
        throw new Error('snapshot could not be built');
      },
    });
    hub.start();
    try {
      hub.markDirty('a');
      await expect.poll(() => lines.length).toBeGreaterThan(0);
      hub.markDirty('b');
      await expect.poll(() => builds).toBe(2);
      expect(lines[0]!.msg).toBe('live update tick failed');
    } finally {
      hub.stop();
    }
  });
});
