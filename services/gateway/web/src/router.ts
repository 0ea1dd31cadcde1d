/**
 * The page's hash routes: every view has its own address, so Back, Forward and reload keep it.
 * Pure: parsing and formatting only; app.ts listens for `hashchange` and shows what the route names.
 */
export type Route =
  /** No route given: the session's own state decides (its run, its result, or the form). */
  | { name: 'home' }
  /** The recipe form. */
  | { name: 'new' }
  /** The run in progress (a recipe's or a plan's), or how it ended. */
  | { name: 'run' }
  /** One result of the session, by its run id. */
  | { name: 'result'; runId: string }
  /** The session's results, newest first. */
  | { name: 'history' }
  /** The meal plan form. */
  | { name: 'plan' }
  /** One meal plan, by its run id. */
  | { name: 'planResult'; runId: string };

/** Run ids are Temporal's (UUIDs); anything else in the address is not a route. */
const RUN_ID = /^[A-Za-z0-9_-]{1,128}$/;

/** The route in a `location.hash` ("#/result/abc"); an unknown or malformed one is `home`. */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/^\/+/, '').replace(/\/+$/, '');
  const [head = '', id, ...rest] = path.split('/');
  if (rest.length > 0) return { name: 'home' };
  let runId: string | undefined;
  if (id !== undefined) {
    try {
      runId = decodeURIComponent(id);
    } catch {
      return { name: 'home' };
    }
    if (!RUN_ID.test(runId)) return { name: 'home' };
  }
  switch (head) {
    case 'new':
    case 'run':
    case 'history':
      return runId === undefined ? { name: head } : { name: 'home' };
    case 'plan':
      return runId === undefined ? { name: 'plan' } : { name: 'planResult', runId };
    case 'result':
      return runId === undefined ? { name: 'home' } : { name: 'result', runId };
    default:
      return { name: 'home' };
  }
}

/** The address of a route, as `location.hash` holds it. */
export function formatRoute(route: Route): string {
  switch (route.name) {
    case 'home':
      return '#/';
    case 'new':
    case 'run':
    case 'history':
    case 'plan':
      return `#/${route.name}`;
    case 'result':
      return `#/result/${encodeURIComponent(route.runId)}`;
    case 'planResult':
      return `#/plan/${encodeURIComponent(route.runId)}`;
  }
}

export function sameRoute(a: Route, b: Route): boolean {
  return formatRoute(a) === formatRoute(b);
}
