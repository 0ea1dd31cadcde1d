import { runAsProcess } from '@ai-chef/platform';
import { startWorker } from './worker.js';

runAsProcess('worker', async () => {
  const service = await startWorker();
  return { service, logger: service.logger };
}, 40_000);
