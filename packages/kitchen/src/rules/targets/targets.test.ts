import { describe, expect, it } from '@jest/globals';
import { broken, checksFor, find } from '../rules.test-kit.js';
import { TARGET_MODULES } from '../registry.js';

describe('keto', () => {
  const keto = (netCarbs: number, split = { carbohydrate: 0.05, protein: 0.25, fat: 0.7 }) =>
    checksFor(['pork_belly'], { target: 'keto' }, { netCarbs }, {}, split);

  it('passes at 5 g net carbs, 70 % fat and 20–30 % protein, each check with its kind', () => {
    const checks = keto(5);
    expect(find(checks, 'keto.net_carbs')).toMatchObject({ kind: 'max', limit: 5, value: 5, ok: true });
    expect(find(checks, 'keto.fat_share')).toMatchObject({ kind: 'min', limit: 70, value: 70, ok: true });
    expect(find(checks, 'keto.protein_share')).toMatchObject({ kind: 'range', limit: [20, 30], value: 25, ok: true });
  });

  it('fails above 5 g net carbs, below 70 % fat, or outside the protein range', () => {
    expect(broken(keto(5.1))).toContain('keto.net_carbs');
    expect(broken(keto(2, { carbohydrate: 0.05, protein: 0.3, fat: 0.65 }))).toContain('keto.fat_share');
    expect(broken(keto(2, { carbohydrate: 0.05, protein: 0.15, fat: 0.8 }))).toContain('keto.protein_share');
  });

  it('says why in the profile language', () => {
    expect(find(keto(9), 'keto.net_carbs').reason).toBe('순탄수화물 9g: 5g 이하여야 합니다.');
    const en = checksFor(['pork_belly'], { target: 'keto', language: 'en' }, { netCarbs: 9 });
    expect(find(en, 'keto.net_carbs').reason).toBe('Net carbs is 9 g; it must be at most 5 g.');
  });
});

describe('diet and general', () => {
  it('diet: at most 500 kcal, at least 20 g protein', () => {
    expect(broken(checksFor(['chicken_breast'], { target: 'diet' }, { calories: 480, protein: 30 }))).toEqual([]);
    expect(broken(checksFor(['chicken_breast'], { target: 'diet' }, { calories: 520, protein: 30 }))).toEqual([
      'diet.calories',
    ]);
    expect(broken(checksFor(['chicken_breast'], { target: 'diet' }, { calories: 400, protein: 15 }))).toEqual([
      'diet.protein',
    ]);
  });

  it('general: at most 800 kcal', () => {
    expect(find(checksFor(['pork_belly'], {}, { calories: 801 }), 'general.calories')).toMatchObject({
      kind: 'max',
      ok: false,
    });
  });
});

describe('fridge', () => {
  it('needs two fridge items and more than half the main ingredients from the fridge', () => {
    const fridge = ['tofu', 'zucchini', 'onion'];
    const ok = checksFor(['tofu', 'zucchini', 'carrot', 'salt'], { target: 'fridge', fridgeIngredients: fridge });
    expect(find(ok, 'fridge.count')).toMatchObject({ kind: 'min', limit: 2, value: 2, ok: true });
    expect(find(ok, 'fridge.share')).toMatchObject({ ok: true });
    const half = checksFor(['tofu', 'zucchini', 'carrot', 'potato'], { target: 'fridge', fridgeIngredients: fridge });
    expect(broken(half)).toEqual(['fridge.share']);
  });

  it('asks for every usable fridge item when there are fewer than two', () => {
    const checks = checksFor(['tofu', 'carrot'], { target: 'fridge', fridgeIngredients: ['tofu'] });
    expect(find(checks, 'fridge.count')).toMatchObject({ limit: 1, value: 1, ok: true });
  });
});

describe('the target registry', () => {
  it('has a module for every target, each with its labels, limits summary and meal minimum', () => {
    for (const module of Object.values(TARGET_MODULES)) {
      expect(module.label.ko.length).toBeGreaterThan(0);
      expect(module.summary.en.length).toBeGreaterThan(0);
      expect(module.role.en.length).toBeGreaterThan(0);
    }
    expect(TARGET_MODULES.diet.mealMinKcal).toBe(250);
    expect(TARGET_MODULES.baby_food.mealMinKcal).toBeNull();
  });
});
