// Builds the one renderer for every role. Served by the hub at `/` (SPA fallback) and bundled
// into the Electron app. `DAWR_HUB=http://127.0.0.1:4700` proxies the API in `vite dev`.
// No node:* imports here: the renderer's lint boundary covers this file too.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

declare const process: { env: Record<string, string | undefined> };
const dir = (rel: string) => decodeURIComponent(new URL(rel, import.meta.url).pathname);
const hub = process.env.DAWR_HUB ?? 'http://127.0.0.1:4700';

export default defineConfig({
  root: dir('.'),
  base: '/',
  plugins: [react()],
  // The service worker, the web app manifest and its icon, served as they are at `/`.
  publicDir: dir('public'),
  build: {
    outDir: dir('../dist/renderer'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    fs: { allow: [dir('..')] },
    proxy: { '/api': { target: hub, ws: true } },
  },
});
