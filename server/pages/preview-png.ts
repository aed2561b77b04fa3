import { createRequire } from 'node:module';
import { renderAsync } from '@resvg/resvg-js';

// Fonts from npm, never the system's: the image looks the same on a fresh machine, and text
// without any font installed would come out as nothing at all.
const require = createRequire(import.meta.url);
const FONT_FILES = ['400Regular/Inter_400Regular.ttf', '700Bold/Inter_700Bold.ttf'].map((f) =>
  require.resolve(`@expo-google-fonts/inter/${f}`),
);

/** SVG to PNG on libuv's thread pool, so a render does not hold up the event loop. */
export async function svgToPng(svg: string): Promise<Buffer> {
  const image = await renderAsync(svg, {
    font: { loadSystemFonts: false, fontFiles: FONT_FILES, defaultFontFamily: 'Inter' },
    logLevel: 'off',
  });
  return image.asPng();
}
