import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for the Naver Shopping search API (GET /v1/search/shop.json), on 127.0.0.1 and a
 * free port. Listings are generated deterministically from the query: a few vendors, <b>-marked
 * titles with pack sizes and an HTML entity, `lprice` as a string, plus one non-food listing and one
 * absurdly cheap one that a client should drop. Tests steer it with `setBehaviour` and read what
 * happened from `stats`.
 */
export interface NaverFakeOptions {
  clientId?: string;
  clientSecret?: string;
  /** Vendors (mallName) listings come from; an empty name is Naver's own store. */
  vendors?: readonly string[];
  behaviour?: NaverFakeBehaviour;
}

export interface NaverFakeBehaviour {
  /** Wait this long before answering each request. */
  latencyMs?: number;
  /** Answer these queries with this status, every time. */
  failQueries?: Readonly<Record<string, number>>;
  /** Answer the first N requests for these queries with 429, then normally. */
  rateLimitFirst?: Readonly<Record<string, number>>;
  /** Retry-After (seconds) sent with a 429; default 1. */
  retryAfterSeconds?: number;
  /** Answer these queries with no items. */
  emptyQueries?: readonly string[];
}

export interface NaverFakeRequest {
  query: string;
  display: number;
  sort: string | null;
  exclude: string | null;
  /** Arrival, performance.now() milliseconds. */
  at: number;
  status: number;
}

export interface NaverFakeStats {
  /** Requests that reached the search path with the right keys. */
  readonly calls: number;
  readonly inFlight: number;
  readonly maxInFlight: number;
  /** Every request to the search path, in arrival order, rejected ones included. */
  readonly log: readonly NaverFakeRequest[];
  callsFor(query: string): number;
  reset(): void;
}

export interface NaverFake {
  url: string;
  clientId: string;
  clientSecret: string;
  stats: NaverFakeStats;
  setBehaviour(behaviour: NaverFakeBehaviour): void;
  close(): Promise<void>;
}

export interface NaverItem {
  title: string;
  link: string;
  image: string;
  lprice: string;
  hprice: string;
  mallName: string;
  productId: string;
  productType: string;
  brand: string;
  maker: string;
  category1: string;
  category2: string;
  category3: string;
  category4: string;
}

const DEFAULT_VENDORS = ['쿠팡', '이마트몰', 'SSG닷컴', '농협몰', ''];
const SEARCH_PATH = '/v1/search/shop.json';

/** FNV-1a: a stable number from the query. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (const ch of text) {
    h ^= ch.codePointAt(0) ?? 0;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The listings the fake answers for a query, the same every time. */
export function fakeNaverItems(
  query: string,
  vendors: readonly string[] = DEFAULT_VENDORS,
  display = 20,
): NaverItem[] {
  const seed = hash(query);
  // Between 3 and 22 won per gram, depending on the query.
  const wonPerGram = 3 + (seed % 20);
  const sizes = [300, 500, 1000, 2000];
  const item = (
    n: number,
    title: string,
    grams: number,
    vendor: string,
    price?: number,
    category1 = '식품',
  ): NaverItem => {
    const spread = 0.8 + (((seed >>> (n % 16)) + n * 7) % 6) / 10;
    return {
      title,
      link: `https://search.shopping.naver.com/catalog/${seed}${n}`,
      image: `https://shopping-phinf.pstatic.net/main_${seed}${n}.jpg`,
      lprice: String(price ?? Math.max(10, Math.round((wonPerGram * grams * spread) / 10) * 10)),
      hprice: '',
      mallName: vendor,
      productId: `${seed}${String(n).padStart(2, '0')}`,
      productType: '2',
      brand: '',
      maker: '',
      category1,
      category2: category1 === '식품' ? '농산물' : '주방용품',
      category3: '',
      category4: '',
    };
  };
  const marked = `<b>${query}</b>`;
  const items: NaverItem[] = vendors.map((vendor, v) => {
    const grams = sizes[(seed + v) % sizes.length] ?? 1000;
    switch (v % 4) {
      case 0:
        return item(v, `[국내산] ${marked} ${grams}g`, grams, vendor);
      case 1:
        return item(v, `친환경 ${marked} ${grams}g x 2팩`, grams * 2, vendor);
      case 2:
        return item(v, `${marked} ${grams / 1000}kg 특품 &amp; 산지직송`, grams, vendor);
      default:
        return item(v, `1+1 ${marked} ${grams}g`, grams * 2, vendor);
    }
  });
  items.push(item(vendors.length, `${marked} 보관 용기 세트`, 1000, vendors[0] ?? '', 15_900, '생활/건강'));
  items.push(item(vendors.length + 1, `${marked} 1kg 체험 샘플`, 1000, vendors[1] ?? '', 10));
  return items.slice(0, display);
}

export async function startNaverFake(options: NaverFakeOptions = {}): Promise<NaverFake> {
  const clientId = options.clientId ?? 'fake-client-id';
  const clientSecret = options.clientSecret ?? 'fake-client-secret';
  const vendors = options.vendors ?? DEFAULT_VENDORS;
  let behaviour: NaverFakeBehaviour = options.behaviour ?? {};
  let log: NaverFakeRequest[] = [];
  let calls = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let served = new Map<string, number>();

  function reply(
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void {
    if (res.writableEnded || res.destroyed) return;
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || url.pathname !== SEARCH_PATH) {
      reply(res, 404, { errorMessage: 'Not Found', errorCode: '404' });
      return;
    }
    const query = url.searchParams.get('query') ?? '';
    const entry: NaverFakeRequest = {
      query,
      display: Number(url.searchParams.get('display') ?? 10),
      sort: url.searchParams.get('sort'),
      exclude: url.searchParams.get('exclude'),
      at: performance.now(),
      status: 200,
    };
    log.push(entry);
    if (
      req.headers['x-naver-client-id'] !== clientId ||
      req.headers['x-naver-client-secret'] !== clientSecret
    ) {
      entry.status = 401;
      reply(res, 401, {
        errorMessage: 'Not Exist Client ID : Authentication failed. (인증에 실패했습니다.)',
        errorCode: '024',
      });
      return;
    }
    calls++;
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('close', () => {
      inFlight--;
    });
    const index = served.get(query) ?? 0;
    served.set(query, index + 1);
    const current = behaviour;
    if (current.latencyMs !== undefined && current.latencyMs > 0) {
      await new Promise((resolve) => setTimeout(resolve, current.latencyMs));
    }
    if (query.trim() === '') {
      entry.status = 400;
      reply(res, 400, {
        errorMessage: 'Incorrect query request (잘못된 쿼리요청입니다.)',
        errorCode: 'SE01',
      });
      return;
    }
    const failure = current.failQueries?.[query];
    if (failure !== undefined) {
      entry.status = failure;
      reply(res, failure, { errorMessage: 'System Error', errorCode: 'SE99' });
      return;
    }
    if (index < (current.rateLimitFirst?.[query] ?? 0)) {
      entry.status = 429;
      reply(
        res,
        429,
        { errorMessage: 'Rate limit exceeded. (속도 제한을 초과했습니다.)', errorCode: '012' },
        { 'retry-after': String(current.retryAfterSeconds ?? 1) },
      );
      return;
    }
    const display = Math.max(1, Math.min(100, Number.isFinite(entry.display) ? entry.display : 10));
    const items = current.emptyQueries?.includes(query) ? [] : fakeNaverItems(query, vendors, display);
    reply(res, 200, {
      lastBuildDate: new Date().toUTCString(),
      total: items.length === 0 ? 0 : 1000 + (hash(query) % 50_000),
      start: 1,
      display: items.length,
      items,
    });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) =>
      reply(res, 500, { errorMessage: String(error), errorCode: 'SE99' }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    clientId,
    clientSecret,
    stats: {
      get calls() {
        return calls;
      },
      get inFlight() {
        return inFlight;
      },
      get maxInFlight() {
        return maxInFlight;
      },
      get log() {
        return log;
      },
      callsFor: (query) => log.filter((r) => r.query === query && r.status !== 401).length,
      reset() {
        log = [];
        calls = 0;
        maxInFlight = inFlight;
        served = new Map();
      },
    },
    setBehaviour(next) {
      behaviour = next;
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
