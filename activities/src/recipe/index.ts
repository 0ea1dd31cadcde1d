export { DEFAULT_ANTHROPIC_MODEL } from '@ai-chef/contracts';

export {
  MAX_REPAIRS,
  SUBMIT_RECIPE_TOOL_NAME,
  createClaudeRecipeWriter,
  ingredientWatcher,
  submitRecipeTool,
} from './claude-recipe.js';
export type { ClaudeRecipeWriter, ClaudeRecipeWriterOptions, WriteOptions } from './claude-recipe.js';
export { buildRecipePrompt, profileJsonFromPrompt, repairInstruction } from './prompts.js';
export type { RecipePrompt } from './prompts.js';
export {
  PROVIDER_RATE_LIMITED,
  PROVIDER_UNAVAILABLE,
  retryAfterMs,
  toProviderFailure,
} from './provider-failure.js';
export { createRecipeGenerator } from './recipe-generator.js';
export type { GenerateOptions, RecipeGenerator, RecipeGeneratorOptions } from './recipe-generator.js';
