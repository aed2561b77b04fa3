import type { ChildProcess } from 'node:child_process';
import net from 'node:net';

/**
 * Waits until something accepts connections on 127.0.0.1:`port`; false when `child` exits or
 * fails to start, or `timeoutMs` passes, first.
 */
export async function portAnswers(port: number, child: ChildProcess, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const up = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => (s.destroy(), resolve(true)));
      s.once('error', () => resolve(false));
    });
    if (up) return true;
    if (child.exitCode !== null || child.pid === undefined || Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
}
