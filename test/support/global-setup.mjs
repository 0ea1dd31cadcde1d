// Starts a throw-away Temporal dev server and MongoDB-wire server on free ports for the
// integration tests; they never touch the state of a running `npm start`.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureInfrastructure } from '../../scripts/infra/install.mjs';
import { startDatabase } from '../../scripts/infra/database.mjs';
import { freePort, startTemporal } from '../../scripts/infra/servers.mjs';

export default async function globalSetup() {
  const infra = await ensureInfrastructure();
  const dir = mkdtempSync(join(tmpdir(), 'ai-chef-test-'));
  const [temporal, database] = await Promise.all([
    startTemporal({
      bin: infra.temporal,
      port: await freePort(),
      dbFile: join(dir, 'temporal.db'),
      headless: true,
      logFile: join(dir, 'temporal.log'),
    }),
    startDatabase(infra.database, { port: await freePort(), dir, logFile: join(dir, 'database.log') }),
  ]);
  process.env.TEST_TEMPORAL_ADDRESS = temporal.address;
  process.env.TEST_MONGO_URL = database.url;
  // FerretDB's PostgreSQL, for tests that read its statistics (unset on other servers).
  if (database.postgres) process.env.TEST_POSTGRES_URL = database.postgres.url;
  process.env.TEST_SERVERS_DIR = dir;
  process.env.TEST_TEMPORAL_BIN = infra.temporal;
  globalThis.__AI_CHEF_SERVERS__ = { temporal, database, dir };
}
