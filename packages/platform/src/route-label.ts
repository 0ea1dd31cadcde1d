import type { Request } from 'express';
import { match, type MatchFunction } from 'path-to-regexp';

/** What label a request gets when no route of the app has its path (a 404 `not_found`). */
export const UNMATCHED_ROUTE = 'unmatched';

interface RouteTemplate {
  template: string;
  matches: MatchFunction<Partial<Record<string, string | string[]>>>;
  handles(method: string): boolean;
}

/** The parts of Express's router (the `router` package) that the labels read. */
interface LayerLike {
  rawPath?: unknown;
  route?: { path: unknown; _handlesMethod(method: string): boolean };
  handle?: { stack?: LayerLike[] };
}

function join(mount: string, path: string): string {
  const joined = `${mount.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
  return joined.length > 1 ? joined.replace(/\/+$/, '') : joined;
}

function collect(stack: LayerLike[], mount: string, into: RouteTemplate[]): void {
  for (const layer of stack) {
    const path = typeof layer.rawPath === 'string' ? layer.rawPath : '/';
    if (layer.route && typeof layer.route.path === 'string') {
      const template = join(mount, layer.route.path);
      const route = layer.route;
      into.push({ template, matches: match(template, { decode: false }), handles: (method) => route._handlesMethod(method) });
    } else if (Array.isArray(layer.handle?.stack)) {
      collect(layer.handle.stack, join(mount, path), into);
    }
  }
}

/**
 * The route template a request is for (`/session/:id/process`), whatever became of it: the same
 * label whether it was answered 202, refused 409 inside its router, or refused 400, 413 or 415 by
 * the body rules before any route ran, so per-route error ratios can be computed. The templates are
 * read once from the app's router, in the order Express tries them; a path that no route has is
 * `unmatched`, one with a route but not for this method gets that route's template.
 */
export function routeLabeler(): (req: Request) => string {
  let templates: RouteTemplate[] | undefined;
  return (req) => {
    if (!templates) {
      templates = [];
      collect((req.app as unknown as { router: { stack: LayerLike[] } }).router.stack, '', templates);
    }
    const path = req.originalUrl.split('?', 1)[0] ?? '/';
    let pathOnly: string | undefined;
    for (const route of templates) {
      if (!route.matches(path)) continue;
      if (route.handles(req.method)) return route.template;
      pathOnly ??= route.template;
    }
    return pathOnly ?? UNMATCHED_ROUTE;
  };
}
