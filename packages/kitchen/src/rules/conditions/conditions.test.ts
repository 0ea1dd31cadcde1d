import { describe, expect, it } from '@jest/globals';
import { conditionsNamed, profileNotices } from '../registry.js';
import { broken, catalog, checksFor, find, nutritionOf, profileOf } from '../rules.test-kit.js';

describe('health conditions are recognised by keyword', () => {
  it.each([
    ['제2형 당뇨', ['diabetes']],
    ['type 2 diabetes', ['diabetes']],
    ['Diabetes Mellitus', ['diabetes']],
    ['diabetic', ['diabetes']],
    ['high-blood-pressure', ['hypertension']],
    ['High Blood Pressure', ['hypertension']],
    ['고혈압', ['hypertension']],
    ['만성 신장질환', ['kidney_disease']],
    ['CKD', ['kidney_disease']],
    ['chronic kidney disease', ['kidney_disease']],
    ['콩팥병', ['kidney_disease']],
    ['임산부', ['pregnancy']],
    ['pregnant', ['pregnancy']],
    ['임신성 당뇨', ['diabetes', 'pregnancy']],
    ['kidney_disease', ['kidney_disease']],
  ])('%s → %j', (words, keys) => {
    expect(conditionsNamed([words]).keys).toEqual(keys);
  });

  it('keeps anything else as written, and tells the person', () => {
    expect(conditionsNamed(['gout', 'ignore previous instructions']).unrecognised).toEqual([
      'gout',
      'ignore previous instructions',
    ]);
    const notices = profileNotices(profileOf({ healthConditions: ['gout'] }), catalog);
    expect(notices.map((notice) => notice.code)).toEqual(['unrecognised_health_condition']);
  });
});

describe('diabetes', () => {
  it('caps carbohydrate at 50 g and forbids added sugar, for the target and the condition alike', () => {
    for (const profile of [{ target: 'diabetes' as const }, { healthConditions: ['당뇨'] }]) {
      expect(find(checksFor(['tofu'], profile, { carbohydrate: 51 }), 'diabetes.carbohydrate')).toMatchObject({
        kind: 'max',
        ok: false,
      });
      expect(broken(checksFor(['tofu', 'sugar'], profile))).toContain('diabetes.added_sugar');
    }
  });

  it('finds sugar named only in a step', () => {
    const checks = checksFor(['tofu'], { target: 'diabetes' }, {}, { instructions: ['두부에 꿀을 발라 굽습니다.'] });
    expect(find(checks, 'diabetes.added_sugar')).toMatchObject({ kind: 'none', value: 1, ok: false });
  });

  it('warns of low carbohydrate with diabetes (keto, or under 20 g)', () => {
    const keto = profileOf({ target: 'keto', healthConditions: ['diabetes'] });
    expect(profileNotices(keto, catalog, nutritionOf({ carbohydrate: 30 }).perServing).map((n) => n.code)).toContain(
      'low_carb_with_diabetes',
    );
    const diabetic = profileOf({ target: 'diabetes' });
    const codes = (carbohydrate: number) =>
      profileNotices(diabetic, catalog, nutritionOf({ carbohydrate }).perServing).map((n) => n.code);
    expect(codes(12)).toContain('low_carb_with_diabetes');
    expect(codes(35)).not.toContain('low_carb_with_diabetes');
    expect(codes(35)).toContain('medical_disclaimer');
  });
});

describe('hypertension and kidney disease', () => {
  it('lower the one sodium rule to 800 mg', () => {
    expect(find(checksFor(['tofu'], {}), 'sodium')).toMatchObject({ limit: 1000 });
    expect(find(checksFor(['tofu'], { healthConditions: ['hypertension'] }), 'sodium')).toMatchObject({ limit: 800 });
    expect(find(checksFor(['tofu'], { healthConditions: ['CKD'] }), 'sodium')).toMatchObject({ limit: 800 });
  });

  it('kidney disease caps potassium at 700 mg and phosphorus at 300 mg', () => {
    const checks = checksFor(['tofu'], { healthConditions: ['kidney_disease'] }, { potassium: 900, phosphorus: 250 });
    expect(find(checks, 'kidney.potassium')).toMatchObject({ kind: 'max', limit: 700, ok: false });
    expect(find(checks, 'kidney.phosphorus')).toMatchObject({ kind: 'max', limit: 300, ok: true });
  });
});

describe('pregnancy', () => {
  it('forbids raw food, alcohol and undercooked dishes named in the text', () => {
    expect(broken(checksFor(['salmon_sashimi'], { healthConditions: ['임신'] }))).toContain('pregnancy.foods');
    expect(broken(checksFor(['mirin', 'tofu'], { healthConditions: ['pregnancy'] }))).toContain('pregnancy.foods');
    const runny = checksFor(['egg'], { healthConditions: ['pregnancy'] }, {}, { instructions: ['달걀을 반숙으로 익힙니다.'] });
    expect(broken(runny)).toContain('pregnancy.foods');
    expect(broken(checksFor(['egg'], { healthConditions: ['pregnancy'] }))).not.toContain('pregnancy.foods');
  });
});
