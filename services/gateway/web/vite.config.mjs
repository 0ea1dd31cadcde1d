// The page for people, served by the gateway from web/dist. `npm run dev:web -w @ai-chef/gateway`
// serves it with hot reload and forwards the API to a gateway on :3000 (`npm start`).
import { defineConfig } from 'vite';

const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // One small entry chunk: nothing to preload, and no polyfill code for it.
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
  server: {
    proxy: Object.fromEntries(['/session', '/ingredients', '/events'].map((path) => [path, gateway])),
  },
});
