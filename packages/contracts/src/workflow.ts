/** The part of the contracts the workflow sandbox may import: no zod, no Node built-ins. */
export * from './run-state.js';
export * from './workflow-api.js';
export * from './call-context.js';
