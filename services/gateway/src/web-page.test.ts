import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'web-page-'));
  mkdirSync(join(dir, 'dist', 'assets'), { recursive: true });
  writeFileSync(join(dir, 'dist', 'index.html'), '<!doctype html><title>AI 셰프</title>');
  writeFileSync(join(dir, 'dist', 'assets', 'index-abc123.js'), 'console.log(1)');
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
});
