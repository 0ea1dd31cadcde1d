import { rmSync } from 'node:fs';

export default async function globalTeardown() {
  const servers = globalThis.__AI_CHEF_SERVERS__;
  if (!servers) return;
  await Promise.all([servers.temporal.stop(), servers.database.stop()]);
  if (!process.env.KEEP_TEST_SERVERS_DIR) rmSync(servers.dir, { recursive: true, force: true });
}
