// The page for people, served by the gateway from web/dist. `npm run dev:web -w @ai-chef/gateway`
// serves it with hot reload and forwards the API to a gateway on :3000 (`npm start`).
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig } from 'vite';

const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000';

/** The page's JavaScript was 45 KB; a build above this has taken in something heavy. */
const JS_BUDGET_BYTES = 100_000;
const COMPRESSIBLE = /\.(js|css|html|svg|json|txt)$/;

/** Fails the build when the page takes in zod (a value import from @ai-chef/contracts) or outgrows its budget. */
function bundleGuard() {
  return {
    name: 'ai-chef-bundle-guard',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const heavy = chunk.moduleIds.filter((id) => /[\\/]node_modules[\\/]zod[\\/]/.test(id));
        if (heavy.length > 0)
          this.error(`${chunk.fileName} includes zod (${heavy[0]}): import only types from @ai-chef/contracts`);
        const size = Buffer.byteLength(chunk.code);
        if (size > JS_BUDGET_BYTES) this.error(`${chunk.fileName} is ${size} bytes, over the ${JS_BUDGET_BYTES}-byte budget`);
      }
    },
  };
}

function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * Writes name.br and name.gz beside each text file of dist, at the highest levels (once, at build time);
 * the gateway (src/web-page.ts) sends one of them when the browser accepts it. A copy that would be no
 * smaller is not written.
 */
function precompress() {
  let outDir = 'dist';
  return {
    name: 'ai-chef-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      for (const file of filesUnder(outDir).filter((path) => COMPRESSIBLE.test(path))) {
        const raw = readFileSync(file);
        const br = brotliCompressSync(raw, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
            [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
          },
        });
        const gz = gzipSync(raw, { level: constants.Z_BEST_COMPRESSION });
        if (br.length < raw.length) writeFileSync(`${file}.br`, br);
        if (gz.length < raw.length) writeFileSync(`${file}.gz`, gz);
      }
    },
  };
}

export default defineConfig({
  base: '/',
  plugins: [bundleGuard(), precompress()],
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
