import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

// Two builds from one config: the browser bundle (dist/) and, with `--ssr src/entry-server.ts`,
// the module the server renders pages with (dist-server/). The browser bundle has no source maps:
// production does not publish the source (the server refuses *.map); Vite's dev server has its own.
export default defineConfig(({ isSsrBuild }) => ({
  root: here,
  plugins: [svelte()],
  build: isSsrBuild
    ? { outDir: 'dist-server', emptyOutDir: true, target: 'node20', sourcemap: true, copyPublicDir: false }
    : { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: false },
  // `npm run dev` serves the API on :3000; `npx vite --config client/vite.config.ts` proxies to it.
  server: {
    fs: { allow: ['..'] },
    proxy: { '/api': 'http://localhost:3000', '/socket.io': { target: 'ws://localhost:3000', ws: true } },
  },
}));
