import { describe, expect, it } from '@jest/globals';
import { RecipeDraftSchema } from '@ai-chef/contracts';
import { SUBMIT_RECIPE_TOOL_NAME, submitRecipeTool } from './claude-recipe.js';

describe('submitRecipeTool', () => {
  it('offers the recipe draft schema as an object schema the Messages API accepts', () => {
    const tool = submitRecipeTool();
    expect(tool.name).toBe(SUBMIT_RECIPE_TOOL_NAME);
    expect(tool.input_schema.type).toBe('object');
    expect(tool.input_schema).not.toHaveProperty('$schema');
    expect(tool.input_schema.required).toEqual(expect.arrayContaining(Object.keys(RecipeDraftSchema.shape)));
    expect(tool.input_schema['additionalProperties']).toBe(false);
    const properties = tool.input_schema.properties as Record<string, { type?: string; enum?: string[] }>;
    expect(properties['difficulty']?.enum).toEqual(['easy', 'medium', 'hard']);
    expect(properties['ingredients']?.type).toBe('array');
  });
});
