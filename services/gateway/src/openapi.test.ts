import { describe, expect, it } from '@jest/globals';
import { SessionServiceClient, createLogger } from '@ai-chef/platform';
import { createGatewayApp } from './app.js';
import { loadGatewayConfig } from './config.js';
import { openApiDocument } from './openapi.js';

interface Layer {
  rawPath?: string;
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every (method, path) the gateway's Express app routes, read from its router stack. */
function servedRoutes(stack: Layer[], prefix = ''): string[] {
  const routes: string[] = [];
  for (const layer of stack) {
    if (layer.route) {
      const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
      for (const routePath of paths) {
        const path = `${prefix}${routePath === '/' && prefix ? '' : routePath}`;
        for (const method of Object.keys(layer.route.methods)) routes.push(`${method} ${path.replace(/:(\w+)/g, '{$1}')}`);
      }
    } else if (layer.handle?.stack) {
      const mount = layer.rawPath && layer.rawPath !== '/' ? layer.rawPath : '';
      routes.push(...servedRoutes(layer.handle.stack, `${prefix}${mount}`));
    }
  }
  return routes;
}

describe('the OpenAPI document', () => {
  const token = 'openapi-test-internal-token';
  const { app } = createGatewayApp({
    config: loadGatewayConfig({ INTERNAL_TOKEN: token }),
    sessions: new SessionServiceClient('http://127.0.0.1:9', { internalToken: token }),
    logger: createLogger('gateway', 'silent'),
  });
  const document = openApiDocument() as { openapi: string; paths: Record<string, Record<string, unknown>> };
  const documented = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => `${method} ${path}`),
  );
  // The docs page's own script is part of the page, not of the API.
  const served = servedRoutes((app as unknown as { router: { stack: Layer[] } }).router.stack).filter(
    (route) => route !== 'get /docs/init.js',
  );

  it('is OpenAPI 3.1', () => {
    expect(document.openapi).toBe('3.1.0');
  });

  it('documents every route the gateway serves', () => {
    expect(served.length).toBeGreaterThan(20);
    expect(served.filter((route) => !documented.includes(route))).toEqual([]);
  });

  it('documents no route the gateway does not serve', () => {
    expect(documented.filter((route) => !served.includes(route))).toEqual([]);
  });
});
