import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's chromium, never a downloaded browser. The flags keep it from reaching for Google's
 * services, which this machine's closed network refuses (noisy and slow at start).
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}
