import { describe, expect, it } from '@jest/globals';
import { formatRoute, parseRoute, sameRoute, type Route } from './router.js';

const RUN = '0190a6c2-7d1e-7b3a-9f00-123456789abc';

describe('parseRoute', () => {
  it('reads every view the page has', () => {
    expect(parseRoute('#/new')).toEqual({ name: 'new' });
    expect(parseRoute('#/run')).toEqual({ name: 'run' });
    expect(parseRoute('#/history')).toEqual({ name: 'history' });
    expect(parseRoute('#/plan')).toEqual({ name: 'plan' });
    expect(parseRoute(`#/result/${RUN}`)).toEqual({ name: 'result', runId: RUN });
    expect(parseRoute(`#/plan/${RUN}`)).toEqual({ name: 'planResult', runId: RUN });
  });

  it('is home without a hash, and forgives a missing or doubled slash', () => {
    expect(parseRoute('')).toEqual({ name: 'home' });
    expect(parseRoute('#')).toEqual({ name: 'home' });
    expect(parseRoute('#/')).toEqual({ name: 'home' });
    expect(parseRoute('#history')).toEqual({ name: 'history' });
    expect(parseRoute('#/history/')).toEqual({ name: 'history' });
    expect(parseRoute(`#//result/${RUN}`)).toEqual({ name: 'result', runId: RUN });
  });

  it('is home for an unknown view, extra parts, a result without its id or a malformed id', () => {
    expect(parseRoute('#/settings')).toEqual({ name: 'home' });
    expect(parseRoute('#/result')).toEqual({ name: 'home' });
    expect(parseRoute(`#/result/${RUN}/more`)).toEqual({ name: 'home' });
    expect(parseRoute('#/new/abc')).toEqual({ name: 'home' });
    expect(parseRoute('#/result/%E0%A4%A')).toEqual({ name: 'home' });
    expect(parseRoute('#/result/a%20b')).toEqual({ name: 'home' });
    expect(parseRoute('#/result/<script>')).toEqual({ name: 'home' });
    expect(parseRoute(`#/result/${'a'.repeat(129)}`)).toEqual({ name: 'home' });
  });
});

describe('formatRoute', () => {
  const routes: Route[] = [
    { name: 'home' },
    { name: 'new' },
    { name: 'run' },
    { name: 'history' },
    { name: 'plan' },
    { name: 'result', runId: RUN },
    { name: 'planResult', runId: RUN },
  ];

  it('writes addresses that parse back to the same route', () => {
    for (const route of routes) expect(parseRoute(formatRoute(route))).toEqual(route);
  });

  it('writes the addresses the page links to', () => {
    expect(formatRoute({ name: 'new' })).toBe('#/new');
    expect(formatRoute({ name: 'result', runId: RUN })).toBe(`#/result/${RUN}`);
    expect(formatRoute({ name: 'planResult', runId: RUN })).toBe(`#/plan/${RUN}`);
  });

  it('tells routes apart by their address', () => {
    expect(sameRoute({ name: 'result', runId: RUN }, parseRoute(`#/result/${RUN}`))).toBe(true);
    expect(sameRoute({ name: 'result', runId: RUN }, { name: 'planResult', runId: RUN })).toBe(false);
    expect(sameRoute({ name: 'result', runId: RUN }, { name: 'result', runId: 'other' })).toBe(false);
  });
});
