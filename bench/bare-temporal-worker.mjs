// The worker of B4's bare-Temporal reference, a process of its own like the product's worker:
// recipeWorkflow with the product worker's options on its own task queue, and activities that do
// nothing but return the payloads one product run returned (read from its history). No database,
// no session service, no providers: what Temporal alone costs a run of this shape.
import { readFileSync } from 'node:fs';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { recipeWorkerOptions } from '@ai-chef/worker';

const { TEMPORAL_ADDRESS, BARE_TASK_QUEUE, BARE_PAYLOADS_FILE } = process.env;
if (!TEMPORAL_ADDRESS || !BARE_TASK_QUEUE || !BARE_PAYLOADS_FILE)
  throw new Error('TEMPORAL_ADDRESS, BARE_TASK_QUEUE and BARE_PAYLOADS_FILE must be set');
const payloads = JSON.parse(readFileSync(BARE_PAYLOADS_FILE, 'utf8'));

Runtime.install({ logger: new DefaultLogger('WARN') });
const connection = await NativeConnection.connect({ address: TEMPORAL_ADDRESS });
const worker = await Worker.create({
  connection,
  namespace: 'default',
  taskQueue: BARE_TASK_QUEUE,
  activities: {
    generateRecipe: async () => payloads.generateRecipe,
    fetchPrices: async () => payloads.fetchPrices,
    combineResults: async () => payloads.combineResults,
    reportRunOutcome: async () => undefined,
  },
  ...recipeWorkerOptions(),
});
process.once('SIGTERM', () => worker.shutdown());
await worker.run();
await connection.close();
