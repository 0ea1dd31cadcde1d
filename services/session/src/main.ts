import { runAsProcess } from '@ai-chef/platform';
import { startSessionService } from './server.js';

runAsProcess('session', async () => {
  const service = await startSessionService();
  return { service, logger: service.logger };
});
