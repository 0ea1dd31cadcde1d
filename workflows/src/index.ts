// The workflow bundle's entry point: every workflow the worker hosts is exported here.
export { recipeWorkflow, type RecipeWorkflowResult } from './recipe-workflow.js';
export { mealPlanWorkflow, type MealPlanWorkflowResult } from './meal-plan-workflow.js';
export { planDayWorkflow } from './plan-day-workflow.js';
export { reconcileSessionsWorkflow } from './reconcile-workflow.js';
