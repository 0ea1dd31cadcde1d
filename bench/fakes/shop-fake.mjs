// A small stand-in for the Naver Shopping search API for the bench: GET /v1/search/shop.json answers
// after `latencyMs` with listings from several shops, priced near the catalog's reference price of
// the queried ingredient, so the product keeps them (food, the name in the title, a plausible price).
import { createServer } from 'node:http';
import { getCatalog } from '@ai-chef/kitchen';

const VENDORS = ['쿠팡', '이마트몰', 'SSG닷컴', '농협몰', '마켓컬리', '홈플러스', '롯데ON', ''];
const PACK_SIZES = [200, 300, 500, 1000];

/** FNV-1a: the same listings for the same query, every time. */
function hash(text) {
  let h = 0x811c9dc5;
  for (const ch of text) {
    h ^= ch.codePointAt(0) ?? 0;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function listingsFor(query, display) {
  const seed = hash(query);
  const item = getCatalog().resolve(query);
  // Won per gram: the catalog's reference, else something grocery-like.
  const perGram = item ? item.referencePrice.price / item.referencePrice.grams : 5 + (seed % 20);
  return VENDORS.slice(0, Math.max(1, display)).map((vendor, v) => {
    const grams = PACK_SIZES[(seed + v) % PACK_SIZES.length];
    const spread = 0.8 + ((seed >>> v) % 7) / 10; // 0.8× to 1.4× the reference
    return {
      title: `<b>${query}</b> ${grams}g`,
      link: `https://shopping.example/${seed}/${v}`,
      image: '',
      lprice: String(Math.max(100, Math.round((perGram * grams * spread) / 10) * 10)),
      hprice: '',
      mallName: vendor,
      productId: `${seed}${v}`,
      productType: '2',
      brand: '',
      maker: '',
      category1: '식품',
      category2: '농산물',
      category3: '',
      category4: '',
    };
  });
}

/** Starts the fake on 127.0.0.1 and a free port; `configure({latencyMs})` changes the delay per call. */
export async function startShopFake({ latencyMs = 0 } = {}) {
  let latency = latencyMs;
  let calls = 0;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || url.pathname !== '/v1/search/shop.json') {
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end('{"errorMessage":"Not Found","errorCode":"404"}');
      return;
    }
    calls += 1;
    const query = url.searchParams.get('query') ?? '';
    const display = Number(url.searchParams.get('display') ?? 10);
    const answer = () => {
      const items = listingsFor(query, Number.isFinite(display) ? display : 10);
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(
        JSON.stringify({
          lastBuildDate: new Date().toUTCString(),
          total: items.length,
          start: 1,
          display: items.length,
          items,
        }),
      );
    };
    if (latency > 0) setTimeout(answer, latency);
    else answer();
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    clientId: 'bench-client-id',
    clientSecret: 'bench-client-secret',
    get calls() {
      return calls;
    },
    configure(next) {
      if (next.latencyMs !== undefined) latency = next.latencyMs;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
