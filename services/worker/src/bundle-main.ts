import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { WORKFLOW_BUNDLE_PATH, buildWorkflowBundle } from './workflow-bundle.js';

// `npm run bundle -w @ai-chef/worker`: the prebuilt workflow bundle (STYLE: production/src/scripts).
const code = await buildWorkflowBundle();
mkdirSync(dirname(WORKFLOW_BUNDLE_PATH), { recursive: true });
writeFileSync(WORKFLOW_BUNDLE_PATH, code);
console.log(`workflow bundle written to ${WORKFLOW_BUNDLE_PATH} (${Math.round(code.length / 1024)} KiB)`);
