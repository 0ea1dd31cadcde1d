// The rules of a recipe: one module per diet target and health condition, the rules every recipe meets,
// and the registry that combines them for a profile. Nothing here reads files, so the web page can
// import the labels and limits too (@ai-chef/kitchen/rules).
export * from './rule-spec.js';
export * from './registry.js';
export { evaluateRules, brokenRules } from './evaluate.js';
export { recipeFacts, findForbidden } from './recipe-facts.js';
export type { RecipeFacts, TextPart } from './recipe-facts.js';
export { BABY_STAGES, babyStageFor, namesStage } from './targets/baby-stages.js';
export type { BabyStage, BabyStageKey } from './targets/baby-stages.js';
export { BABY_LIMITS } from './targets/baby-food.js';
export { KETO_LIMITS } from './targets/keto.js';
export { DIET_LIMITS } from './targets/diet.js';
export { GENERAL_LIMITS } from './targets/general.js';
export { DIABETES_LIMITS } from './conditions/diabetes.js';
export { HYPERTENSION_LIMITS } from './conditions/hypertension.js';
export { KIDNEY_LIMITS } from './conditions/kidney-disease.js';
export { conditionKey } from './conditions/recognise.js';
export { COOKING_LEVEL_LIMITS, cookingLevelRules, difficultyRank } from './common/cooking-level.js';
export { COOKED_RICE_IDS, DEFAULT_RICE_MAX_G } from './common/meal.js';
export { DEFAULT_SODIUM_MAX_MG } from './common/sodium.js';
export { allergyEntry, allergyExcludes, allergyLabel, allergenLabel } from './common/allergy.js';
export { dislikeEntry, dislikeExcludes, dislikeLabel } from './common/dislike.js';
