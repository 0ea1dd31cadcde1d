import { describe, expect, it } from '@jest/globals';
import { Catalog, getCatalog } from './catalog.js';

const catalog = getCatalog();

/** Names the offline recipes, the rules and the fridge rely on. */
// prettier-ignore
const MUST_HAVE_NAMES = [
  '쌀', '현미', '찹쌀', '밥', '김치', '두부', '순두부', '달걀', '계란', '대파', '쪽파', '양파', '마늘', '생강', '애호박', '주키니', '감자', '고구마',
  '당근', '무', '배추', '양배추', '시금치', '콩나물', '숙주', '브로콜리', '콜리플라워', '아보카도', '표고', '표고버섯', '느타리', '팽이', '새송이', '양송이',
  '파프리카', '피망', '청양고추', '오이', '가지', '토마토', '방울토마토', '상추', '깻잎', '부추', '미나리', '단호박', '연근', '우엉', '도라지', '고사리',
  '미역', '다시마', '김', '소고기', '쇠고기', '소고기 등심', '소고기 안심', '소고기 양지', '소고기 다짐육', '불고기용 소고기', '돼지고기', '삼겹살', '목살',
  '앞다리', '돼지고기 앞다리살', '돼지고기 다짐육', '닭', '닭고기', '닭가슴살', '닭다리살', '닭안심', '통닭', '오리고기', '연어', '고등어', '삼치', '갈치',
  '명태', '동태', '오징어', '새우', '바지락', '홍합', '굴', '게살', '멸치', '참치캔', '어묵', '베이컨', '햄', '소시지', '우유', '버터', '치즈',
  '모짜렐라', '체다', '파마산', '생크림', '그릭요거트', '크림치즈', '코코넛오일', '올리브유', '식용유', '참기름', '들기름', '들깨가루', '참깨', '땅콩', '호두',
  '잣', '아몬드', '간장', '국간장', '진간장', '고추장', '된장', '쌈장', '고춧가루', '굴소스', '액젓', '새우젓', '식초', '설탕', '꿀', '물엿', '올리고당',
  '메이플시럽', '알룰로스', '에리스리톨', '소금', '후추', '맛술', '청주', '밀가루', '부침가루', '튀김가루', '전분', '빵가루', '소면', '당면', '메밀면',
  '우동면', '라면', '스파게티', '떡', '가래떡', '떡볶이떡', '곤약', '곤약면', '두유', '오트밀', '쌀가루', '이유식 쌀', '소고기 안심', '사과', '배',
  '바나나', '키위', '딸기', '블루베리', '복숭아', '레몬', '물', '멸치육수', '닭육수',
];

describe('Catalog.resolve', () => {
  it('resolves every name the recipes and the fridge rely on', () => {
    const missing = MUST_HAVE_NAMES.filter((name) => catalog.resolve(name) === undefined);
    expect(missing).toEqual([]);
  });

  it.each([
    ['egg', 'egg'],
    ['달걀', 'egg'],
    ['계란', 'egg'],
    ['  EGGS ', 'egg'],
    ['Green Onion', 'green_onion'],
    ['green_onion', 'green_onion'],
    ['대 파', 'green_onion'],
    ['파', 'green_onion'],
    ['쇠고기', 'beef'],
    ['돼지고기 앞다리살', 'pork_shoulder'],
    ['돼지고기앞다리살', 'pork_shoulder'],
    ['다진 마늘', 'garlic'],
    ['다진마늘', 'garlic'],
    ['minced garlic', 'garlic'],
    ['채 썬 양파', 'onion'],
    ['얇게 썬 양파', 'onion'],
    ['슬라이스 치즈', 'sliced_cheese'],
    ['대파(흰 부분)', 'green_onion'],
    ['송송 썬 쪽파', 'scallion'],
    ['삶은 달걀', 'egg'],
    ['생연어', 'salmon'],
    ['생강', 'ginger'],
    ['생크림', 'heavy_cream'],
    ['fresh spinach', 'spinach'],
    ['chopped onions', 'onion'],
    ['Tomatoes', 'tomato'],
    ['액젓', 'fish_sauce'],
    ['이유식 쌀', 'baby_rice_powder'],
  ])('%p → %p', (input, id) => {
    expect(catalog.resolve(input)?.id).toBe(id);
  });

  it('returns undefined for what is not food', () => {
    expect(catalog.resolve('스마트폰')).toBeUndefined();
    expect(catalog.resolve('')).toBeUndefined();
    expect(catalog.resolve('다진')).toBeUndefined();
  });

  it('gets by id only', () => {
    expect(catalog.get('egg')?.nameKo).toBe('달걀');
    expect(catalog.get('달걀')).toBeUndefined();
  });
});

describe('Catalog.search', () => {
  const ids = (q: string, limit?: number) => catalog.search(q, limit).items.map((i) => i.id);

  it('finds 아보카도 by its initial consonants', () => {
    expect(ids('ㅇㅂㅋ')[0]).toBe('avocado');
    expect(ids('ㅇㅂㅋㄷ')).toEqual(['avocado', 'avocado_oil']);
    expect(ids('ㄷㅂ')).toContain('tofu');
  });

  it('ranks a prefix before a substring', () => {
    const found = ids('양파');
    expect(found[0]).toBe('onion');
    // 양파 is a prefix of 양파 itself and a substring of nothing else here, while 파 matches many.
    const pa = ids('파', 50);
    expect(pa.indexOf('green_onion')).toBeLessThan(pa.indexOf('scallion'));
    const tofu = ids('두부', 50);
    expect(tofu[0]).toBe('tofu');
    expect(tofu).toEqual(expect.arrayContaining(['soft_tofu', 'silken_tofu']));
    expect(tofu.indexOf('tofu')).toBeLessThan(tofu.indexOf('soft_tofu'));
  });

  it('matches half-typed syllables', () => {
    expect(ids('아봌')[0]).toBe('avocado');
    expect(ids('브로')[0]).toBe('broccoli');
  });

  it('searches English names case-insensitively, prefix first', () => {
    expect(ids('AVOCADO')[0]).toBe('avocado');
    const pork = ids('pork', 50);
    expect(pork[0]).toBe('pork');
    expect(pork).toEqual(expect.arrayContaining(['pork_belly', 'ground_pork', 'pork_loin']));
    expect(ids('salmon')).toEqual(expect.arrayContaining(['salmon', 'salmon_sashimi']));
  });

  it('reports the total and honours the limit', () => {
    const all = catalog.search('');
    expect(all.total).toBe(catalog.all().length);
    expect(all.items).toHaveLength(20);
    const cheese = catalog.search('치즈', 2);
    expect(cheese.items).toHaveLength(2);
    expect(cheese.total).toBeGreaterThanOrEqual(6);
    expect(catalog.search('zzzz').total).toBe(0);
  });
});

describe('Catalog.suggest', () => {
  const names = (input: string) => catalog.suggest(input).map((s) => s.id);

  it.each([
    ['앙파', 'onion'],
    ['브로컬리', 'broccoli'],
    ['아보가도', 'avocado'],
    ['avocdo', 'avocado'],
    ['tomatoe', 'tomato'],
    ['시금지', 'spinach'],
    ['ㅇㅂㅋ', 'avocado'],
  ])('suggests %p → %p first', (input, id) => {
    expect(names(input)[0]).toBe(id);
  });

  it('returns at most `limit` suggestions with both names', () => {
    const suggestions = catalog.suggest('버섯', 3);
    expect(suggestions).toHaveLength(3);
    for (const s of suggestions) {
      expect(s.nameKo).toContain('버섯');
      expect(typeof s.nameEn).toBe('string');
    }
  });

  it('suggests nothing for nonsense', () => {
    expect(catalog.suggest('qqqqqqqq')).toEqual([]);
    expect(catalog.suggest('')).toEqual([]);
  });
});

describe('new Catalog', () => {
  it('validates its records once, at construction', () => {
    expect(() => new Catalog([{ id: 'Bad Id' }])).toThrow();
    const small = new Catalog([
      {
        id: 'kiwi',
        nameKo: '키위',
        nameEn: 'Kiwi',
        aliases: [],
        category: 'fruit',
        per100g: {
          calories: 61,
          carbohydrate: 14.7,
          fiber: 3,
          sugars: 9,
          protein: 1.1,
          fat: 0.5,
          sodium: 3,
          potassium: 312,
          phosphorus: 34,
          iron: 0.3,
        },
        units: { g: 1, 개: 80 },
        allergens: [],
        staple: false,
        tags: [],
        referencePrice: { price: 9900, grams: 1000, pack: '1kg' },
        sourceRef: { db: 'usda_sr_legacy', id: '09148', food: 'Kiwifruit, green, raw' },
      },
    ]);
    expect(small.all()).toHaveLength(1);
    expect(small.resolve('KIWI')?.id).toBe('kiwi');
  });

  it('shares one catalog', () => {
    expect(getCatalog()).toBe(catalog);
  });
});
