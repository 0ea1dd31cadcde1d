export { createActivities, type Activities, type ActivityDeps, type ActivityObserver } from './activities.js';
export { buildResult } from './result-builder.js';
export { buildPlanResult } from './plan-result-builder.js';
export * from './pricing/index.js';
export * from './recipe/index.js';
