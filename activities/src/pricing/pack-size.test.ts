import { describe, expect, it } from '@jest/globals';
import { parsePackSize } from './pack-size.js';
import type { PackSize } from './pack-size.js';

// Titles as Naver Shopping returns them (after <b> tags are removed).
const cases: [title: string, expected: PackSize, pieceGrams?: number][] = [
  ['[국내산] 무농약 양파 3kg 특품', { packGrams: 3000, packCount: 1 }],
  ['풀무원 국산콩 두부 300g x 2팩', { packGrams: 300, packCount: 2 }],
  ['CJ 해찬들 재래식 된장 500g', { packGrams: 500, packCount: 1 }],
  ['1+1 친환경 대파 1kg', { packGrams: 1000, packCount: 2 }],
  ['특란 30구', { packGrams: 60, packCount: 30 }, 60],
  ['특란 30구', { packCount: 30 }],
  ['서울우유 1L', { packGrams: 1000, packCount: 1 }],
  ['매일우유 오리지널 200ml x 24팩', { packGrams: 200, packCount: 24 }],
  ['해표 식용유 1.8L', { packGrams: 1800, packCount: 1 }],
  ['삼립 어묵 100g 3봉', { packGrams: 100, packCount: 3 }],
  ['청정원 고추장 500g*2', { packGrams: 500, packCount: 2 }],
  ['국산 깐마늘 500gx2', { packGrams: 500, packCount: 2 }],
  ['햇반 210g 24개', { packGrams: 210, packCount: 24 }],
  ['신라면 120g 5개입', { packGrams: 120, packCount: 5 }],
  ['동원참치 라이트스탠다드 150g×10캔', { packGrams: 150, packCount: 10 }],
  ['친환경 애호박 2개', { packGrams: 300, packCount: 2 }, 300],
  ['친환경 애호박 2개', { packCount: 2 }],
  ['무항생제 유정란 10구 x 3판', { packGrams: 55, packCount: 30 }, 55],
  ['계란 대란 15구 2팩', { packCount: 30 }],
  ['[산지직송] 제주 당근 5kg 흙당근', { packGrams: 5000, packCount: 1 }],
  ['감자 10kg (왕특) 햇감자', { packGrams: 10000, packCount: 1 }],
  ['국내산 깐양파 1kg 내외 5~7개', { packGrams: 1000, packCount: 1 }],
  ['사과 부사 3kg 10-13과', { packGrams: 3000, packCount: 1 }],
  ['특란 30구 1.8kg', { packGrams: 1800, packCount: 1 }, 60],
  ['오뚜기 진간장 1.7L', { packGrams: 1700, packCount: 1 }],
  ['백설 하얀설탕 1kg 2개', { packGrams: 1000, packCount: 2 }],
  ['CJ 백설 꽃소금 500g', { packGrams: 500, packCount: 1 }],
  ['한돈 삼겹살 구이용 500g', { packGrams: 500, packCount: 1 }],
  ['한우 1등급 국거리 300g', { packGrams: 300, packCount: 1 }],
  ['무농약 시금치 300g 2봉', { packGrams: 300, packCount: 2 }],
  ['청양고추 100g', { packGrams: 100, packCount: 1 }],
  ['국산 참기름 300ml', { packGrams: 300, packCount: 1 }],
  ['2+1 비비고 왕교자 1.05kg', { packGrams: 1050, packCount: 3 }],
  ['양배추 1통', { packCount: 1 }],
  ['브로콜리 3팩', { packCount: 3 }],
  ['[무료배송] 국산 콩나물 340g x 3봉', { packGrams: 340, packCount: 3 }],
  ['아보카도 5개입', { packGrams: 170, packCount: 5 }, 170],
  ['닭가슴살 100g 30팩', { packGrams: 100, packCount: 30 }],
  ['파스타면 스파게티 1,000g', { packGrams: 1000, packCount: 1 }],
  ['홍삼정 스틱 10g x 30포', { packGrams: 10, packCount: 30 }],
  ['제주 무 1.5~2kg 1개', { packGrams: 1500, packCount: 1 }],
  ['올리브유 엑스트라버진 500ml 2병', { packGrams: 500, packCount: 2 }],
  ['느타리버섯 200g', { packGrams: 200, packCount: 1 }],
  ['고춧가루 국산 1키로', { packGrams: 1000, packCount: 1 }],
  ['대파 1단', { packCount: 1 }],
  ['토마토 2.5kg 5번과', { packGrams: 2500, packCount: 1 }],
  ['묵은지 김치 10kg 1박스', { packGrams: 10000, packCount: 1 }],
  ['두부 300g (2모)', { packGrams: 300, packCount: 1 }],
  ['6개월 숙성 된장 1kg', { packGrams: 1000, packCount: 1 }],
  ['비타민 500mg 60정', { packCount: 1 }],
  ['1+1 요거트 85g x 4개', { packGrams: 85, packCount: 8 }],
];

describe('parsePackSize', () => {
  it.each(cases.map(([title, expected, pieceGrams]) => ({ title, expected, pieceGrams })))(
    'reads $title',
    ({ title, expected, pieceGrams }) => {
      expect(parsePackSize(title, pieceGrams !== undefined ? { pieceGrams } : {})).toEqual(expected);
    },
  );

  it('has at least 40 realistic titles', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it('always answers a whole pack count of at least one', () => {
    for (const title of ['', '양파', '0kg', '0개', 'x 0', '1+1']) {
      const { packCount, packGrams } = parsePackSize(title);
      expect(Number.isInteger(packCount) && packCount >= 1).toBe(true);
      expect(packGrams === undefined || packGrams > 0).toBe(true);
    }
  });
});
