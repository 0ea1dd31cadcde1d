// What the numbers were measured on: cores, memory, OS and the versions of every server involved.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { capture } from '../scripts/infra/run-command.mjs';
import { postgresVersion } from '../scripts/infra/postgres.mjs';

function osName() {
  try {
    return /^PRETTY_NAME="?([^"\n]*)"?/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? os.type();
  } catch {
    return os.type();
  }
}

/** `infra` as ensureInfrastructure() returns it; absent when measuring a stack given by URL. */
export async function machineInfo(infra) {
  const database = infra?.database;
  let databaseVersion;
  if (database?.kind === 'ferretdb')
    databaseVersion = `ferretdb ${/version:\s*(\S+)/.exec(capture(database.bin, ['--version']) ?? '')?.[1] ?? 'unknown'} on ${await postgresVersion()}`;
  else if (database?.kind === 'mongod')
    databaseVersion = capture(database.bin, ['--version'])?.split('\n')[0];
  else if (database?.kind === 'external') databaseVersion = 'external (MONGO_URL)';
  return {
    cores: os.cpus().length,
    availableParallelism: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model,
    memoryMb: Math.round(os.totalmem() / 2 ** 20),
    os: `${osName()}, ${os.type()} ${os.release()} ${os.arch()}`,
    versions: {
      node: process.version,
      temporalCli: infra ? capture(infra.temporal, ['--version']) : undefined,
      database: databaseVersion,
    },
  };
}
