import type { IngredientCategory } from './ingredient-schema.js';

/** A shelf's name in both languages, and the other words people use for it (as a dislike: 해산물, seafood). */
export interface CategoryLabel {
  ko: string;
  en: string;
  aliases: readonly string[];
}

export const CATEGORY_LABELS: Readonly<Record<IngredientCategory, CategoryLabel>> = {
  vegetable: { ko: '채소', en: 'vegetables', aliases: ['야채', 'vegetable', 'veggies'] },
  mushroom: { ko: '버섯', en: 'mushrooms', aliases: ['버섯류', 'mushroom'] },
  seaweed: { ko: '해조류', en: 'seaweed', aliases: ['seaweeds'] },
  fruit: { ko: '과일', en: 'fruit', aliases: ['과일류', 'fruits'] },
  meat: { ko: '고기', en: 'meat', aliases: ['육류', '붉은 고기', 'red meat'] },
  poultry: { ko: '가금류', en: 'poultry', aliases: ['닭·오리'] },
  processed_meat: { ko: '가공육', en: 'processed meat', aliases: ['햄·소시지', 'processed meats'] },
  fish: { ko: '생선', en: 'fish', aliases: ['생선류', '어류'] },
  seafood: { ko: '해산물', en: 'seafood', aliases: ['해물', '해산물류', 'shellfish and seafood'] },
  egg: { ko: '알류', en: 'eggs', aliases: ['달걀류', '계란류'] },
  tofu_soy: { ko: '두부·콩 제품', en: 'tofu and soy products', aliases: ['콩 제품', 'soy products'] },
  legume: { ko: '콩류', en: 'legumes', aliases: ['두류', 'beans', 'pulses'] },
  grain: { ko: '곡류', en: 'grains', aliases: ['곡물', 'cereals'] },
  rice_cake: { ko: '떡류', en: 'rice cakes', aliases: ['떡 종류'] },
  noodle: { ko: '면류', en: 'noodles', aliases: ['국수류', 'pasta and noodles'] },
  flour_bread: { ko: '밀가루·빵', en: 'flour and bread', aliases: ['빵류', 'bread'] },
  dairy: { ko: '유제품', en: 'dairy', aliases: ['유제품류', 'dairy products'] },
  nut_seed: { ko: '견과·씨앗', en: 'nuts and seeds', aliases: ['견과류', 'nuts'] },
  sauce_paste: { ko: '장·소스', en: 'sauces and pastes', aliases: ['소스류', 'sauces'] },
  seasoning: { ko: '양념', en: 'seasonings', aliases: ['향신료', 'spices'] },
  oil_fat: { ko: '기름', en: 'oils and fats', aliases: ['유지류', 'oils'] },
  sweetener: { ko: '감미료', en: 'sweeteners', aliases: ['당류', 'sugars'] },
  kimchi_pickle: { ko: '김치·장아찌', en: 'kimchi and pickles', aliases: ['절임류', 'pickles'] },
  water_broth: { ko: '물·육수', en: 'water and stock', aliases: ['육수', 'stock', 'broth'] },
};
