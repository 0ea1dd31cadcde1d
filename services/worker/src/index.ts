export { SHUTDOWN_GRACE_MS, recipeWorkerOptions, startWorker, type RunningWorker } from './worker.js';
export { WORKFLOW_BUNDLE_PATH, buildWorkflowBundle, workflowsEntryPath } from './workflow-bundle.js';
export { workflowSinks } from './worker-interceptors.js';
export { buildIdsOf, bundleBuildId, historyFromFile, historyFromServer, replay } from './replay.js';
