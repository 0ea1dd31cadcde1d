import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import express from 'express';
import { webPage } from './web-page.js';

let dir: string;
let base: string;
let close: () => Promise<void>;

function serve(distDir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const app = express();
  app.use(webPage(distDir));
  app.use((_req, res) => {
    res.status(404).json({ error: { code: 'not_found', message: 'No such route.' } });
  });
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

/** A GET with exactly the Accept-Encoding given (fetch would add its own and decompress). */
function raw(
  path: string,
  acceptEncoding?: string,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolvePromise, reject) => {
    get(`${base}${path}`, { headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

const SCRIPT = 'console.log("AI 셰프");'.repeat(40);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'web-page-'));
  mkdirSync(join(dir, 'dist', 'assets'), { recursive: true });
  writeFileSync(join(dir, 'dist', 'index.html'), '<!doctype html><title>AI 셰프</title>');
  writeFileSync(join(dir, 'dist', 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(join(dir, 'dist', 'assets', 'index-big456.js'), SCRIPT);
  writeFileSync(join(dir, 'dist', 'assets', 'index-big456.js.br'), brotliCompressSync(SCRIPT));
  writeFileSync(join(dir, 'dist', 'assets', 'index-big456.js.gz'), gzipSync(SCRIPT));
  writeFileSync(join(dir, 'dist', 'index.html.gz'), gzipSync('<!doctype html><title>AI 셰프</title>'));
  writeFileSync(join(dir, 'secret.txt'), 'outside the build');
  writeFileSync(join(dir, 'dist', 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  const server = await serve(join(dir, 'dist'));
  base = server.url;
  close = server.close;
});

afterAll(async () => {
  await close();
  rmSync(dir, { recursive: true, force: true });
});

describe('webPage', () => {
  it('when / is asked for, then index.html comes back as HTML that is always revalidated', async () => {
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toContain('AI 셰프');
  });

  it('when a hashed asset is asked for, then it is cached for a year as immutable', async () => {
    const response = await fetch(`${base}/assets/index-abc123.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('when another file of the build is asked for, then it is served and revalidated', async () => {
    const response = await fetch(`${base}/favicon.svg`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-cache');
  });

  it('when an asset does not exist, then the request falls through to the 404 handler', async () => {
    const response = await fetch(`${base}/assets/missing.js`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: 'not_found', message: 'No such route.' } });
  });

  it('when the page has not been built, then / is a 503 in plain text that says to run npm run build', async () => {
    const empty = await serve(join(dir, 'nothing-here'));
    try {
      const response = await fetch(`${empty.url}/`);
      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(response.headers.get('retry-after')).toBe('30');
      expect(await response.text()).toContain('npm run build');
    } finally {
      await empty.close();
    }
  });

  it('when the browser takes br, then the brotli copy the build wrote is sent with the script type and Vary', async () => {
    const response = await raw('/assets/index-big456.js', 'gzip, deflate, br');
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['content-type']).toMatch(/^text\/javascript/);
    expect(response.headers.vary).toBe('Accept-Encoding');
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(Number(response.headers['content-length'])).toBeLessThan(Buffer.byteLength(SCRIPT));
    expect(brotliDecompressSync(response.body).toString()).toBe(SCRIPT);
  });

  it('when the browser takes gzip only (or refuses br), then the gzip copy is sent', async () => {
    for (const accept of ['gzip', 'br;q=0, gzip']) {
      const response = await raw('/assets/index-big456.js', accept);
      expect(response.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(response.body).toString()).toBe(SCRIPT);
    }
    const index = await raw('/', 'gzip');
    expect(index.headers['content-encoding']).toBe('gzip');
    expect(index.headers['content-type']).toMatch(/^text\/html/);
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(gunzipSync(index.body).toString()).toContain('AI 셰프');
  });

  it('when the browser takes no encoding, or no copy was written, then the file itself is sent, still with Vary', async () => {
    const plain = await raw('/assets/index-big456.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('Accept-Encoding');
    expect(plain.body.toString()).toBe(SCRIPT);
    const small = await raw('/assets/index-abc123.js', 'br, gzip');
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.body.toString()).toBe('console.log(1)');
    const brOnly = await raw('/', 'br');
    expect(brOnly.headers['content-encoding']).toBeUndefined();
  });

  it('when a compressed copy or a file outside the build is asked for by name, then it is not served', async () => {
    for (const path of [
      '/assets/index-big456.js.br',
      '/index.html.gz',
      '/assets/..%2F..%2Fsecret.txt',
      '/..%2Fsecret.txt',
      '/index.html%00.js',
      '/%E0%A4%A',
      `/assets/${'a'.repeat(5000)}.js`,
      '/assets/index-abc123.js/inside',
    ]) {
      const response = await raw(path, 'br');
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
    }
  });

  it('when a file is asked for with HEAD, then the headers come alone; another method falls through to the 404', async () => {
    const head = await fetch(`${base}/assets/index-big456.js`, { method: 'HEAD', headers: { 'accept-encoding': 'br' } });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-encoding')).toBe('br');
    const post = await fetch(`${base}/assets/index-abc123.js`, { method: 'POST' });
    expect(post.status).toBe(404);
  });
});
