export { recipeWorkerOptions, startWorker, type RunningWorker } from './worker.js';
export { WORKFLOW_BUNDLE_PATH, buildWorkflowBundle, workflowsEntryPath } from './workflow-bundle.js';
export { historyFromFile, historyFromServer, replay } from './replay.js';
