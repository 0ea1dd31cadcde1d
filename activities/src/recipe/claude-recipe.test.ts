import { describe, expect, it } from '@jest/globals';
import { RecipeDraftSchema } from '@ai-chef/contracts';
import { SUBMIT_RECIPE_TOOL_NAME, ingredientWatcher, submitRecipeTool } from './claude-recipe.js';

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

describe('ingredientWatcher', () => {
  it('reports each ingredient once, when a later one begins or the list ends, never a name still being written', () => {
    const names: string[] = [];
    const watch = ingredientWatcher((name) => names.push(name));
    watch({ recipeName: '두부조림' });
    watch({ recipeName: '두부조림', ingredients: [{ name: '두' }] });
    watch({ recipeName: '두부조림', ingredients: [{ name: '두부', amount: '1' }] });
    expect(names).toEqual([]);
    watch({ recipeName: '두부조림', ingredients: [{ name: '두부', amount: '1', unit: '모' }, {}] });
    expect(names).toEqual(['두부']);
    watch({ ingredients: [{ name: '두부' }, { name: '간장' }, { name: ' 대파 ' }] });
    expect(names).toEqual(['두부', '간장']);
    watch({ ingredients: [{ name: '두부' }, { name: '간장' }, { name: ' 대파 ' }], instructions: [] });
    watch({ ingredients: [{ name: '두부' }, { name: '간장' }, { name: ' 대파 ' }], instructions: ['썬다'], targetNotes: '' });
    expect(names).toEqual(['두부', '간장', '대파']);
  });

  it('ignores what is not a recipe in progress: no object, no list, entries without a name', () => {
    const names: string[] = [];
    const watch = ingredientWatcher((name) => names.push(name));
    for (const snapshot of [null, 'text', 42, [], { ingredients: 'all of them' }, { ingredients: [null, 7, { name: 3 }, { name: '' }], targetNotes: '' }])
      watch(snapshot);
    expect(names).toEqual([]);
  });
});
