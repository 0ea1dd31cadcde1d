import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode } from '@temporalio/worker';
import { workflowInterceptorModules } from './worker-interceptors.js';

/** Where `npm run build` writes the workflow bundle that production workers and replay tests load. */
export const WORKFLOW_BUNDLE_PATH = fileURLToPath(new URL('../dist/recipe-workflow.bundle.js', import.meta.url));

/** The compiled workflow entry point (workflows/dist/index.js). */
export function workflowsEntryPath(): string {
  return createRequire(import.meta.url).resolve('@ai-chef/workflows');
}

export async function buildWorkflowBundle(): Promise<string> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: workflowsEntryPath(),
    workflowInterceptorModules: workflowInterceptorModules(),
  });
  return code;
}

export function prebuiltBundleExists(): boolean {
  return existsSync(WORKFLOW_BUNDLE_PATH);
}
