// Takes screenshots of a running server's pages: `npm run screenshot -- http://localhost:3000 /status/chatgpt`
import { launchChromium } from '../test/helpers/browser.ts';

const [base = 'http://localhost:3000', ...paths] = process.argv.slice(2);
const targets = paths.length ? paths : ['/', '/status/chatgpt'];
const browser = await launchChromium();
for (const [label, viewport] of [
  ['desktop', { width: 1280, height: 900 }],
  ['phone', { width: 390, height: 844 }],
] as const) {
  const page = await browser.newPage({ viewport, deviceScaleFactor: label === 'phone' ? 2 : 1 });
  for (const p of targets) {
    await page.goto(base + p, { waitUntil: 'networkidle' });
    await page.waitForTimeout(600);
    const file = `screenshots/${label}${p.replace(/\W+/g, '-').replace(/-$/, '') || '-home'}.png`;
    await page.screenshot({ path: file, fullPage: true });
    console.log(file);
  }
  await page.close();
}
await browser.close();
