import { runAsProcess } from '@ai-chef/platform';
import { startGateway } from './server.js';

runAsProcess('gateway', async () => {
  const service = await startGateway();
  return { service, logger: service.logger };
});
