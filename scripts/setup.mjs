// `npm run setup`: installs npm packages and the local infrastructure (Temporal CLI, a MongoDB-wire server).
import { ensureInfrastructure, ensureNodeModules } from './infra/install.mjs';
import { step } from './infra/log.mjs';

await ensureNodeModules();
const infra = await ensureInfrastructure();
step(`ready: temporal at ${infra.temporal}; database: ${infra.database.kind}${infra.database.bin ? ` at ${infra.database.bin}` : ''}`);
