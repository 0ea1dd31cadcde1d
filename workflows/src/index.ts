// The workflow bundle's entry point: every workflow the worker hosts is exported here.
export { recipeWorkflow, type RecipeWorkflowResult } from './recipe-workflow.js';
export { reconcileSessionsWorkflow } from './reconcile-workflow.js';
