import {
  MongoClient,
  MongoNetworkError,
  MongoNotConnectedError,
  MongoServerError,
  MongoServerSelectionError,
  MongoTopologyClosedError,
  type Collection,
  type Db,
  type Document,
} from 'mongodb';
import type { Logger } from 'pino';

export interface MongoConnection {
  client: MongoClient;
  db: Db;
  close(): Promise<void>;
}

/** One client per process; short server selection so an outage turns into a prompt 503, not a hang. */
export async function connectMongo(url: string, dbName: string): Promise<MongoConnection> {
  const client = new MongoClient(url, {
    serverSelectionTimeoutMS: 3000,
    connectTimeoutMS: 3000,
    maxPoolSize: 50,
    retryWrites: false, // FerretDB 1.x has no retryable writes; our writes are idempotent instead.
  });
  await client.connect();
  return { client, db: client.db(dbName), close: () => client.close() };
}

/**
 * FerretDB answers InternalError when the PostgreSQL behind it is down or restarting ("failed to
 * connect to", SQLSTATE class 08 connection exceptions, 57P01-57P03 shutdown and startup): the
 * database is unavailable, not the request wrong; it is worth the same 503 and retry as an outage.
 */
function isBackendUnavailable(err: unknown): boolean {
  return (
    err instanceof MongoServerError &&
    err.code === 1 &&
    /failed to connect to `|\(SQLSTATE (08\w{3}|57P0[123])\)/.test(err.message)
  );
}

export function isDatabaseUnavailable(err: unknown): boolean {
  return (
    isBackendUnavailable(err) ||
    err instanceof MongoServerSelectionError ||
    err instanceof MongoNetworkError ||
    err instanceof MongoNotConnectedError ||
    err instanceof MongoTopologyClosedError ||
    (err instanceof Error && err.name === 'MongoPoolClearedError')
  );
}

function isNotImplemented(err: unknown): boolean {
  return (
    err instanceof MongoServerError &&
    (err.code === 238 || err.codeName === 'NotImplemented' || /not implemented/i.test(err.message))
  );
}

/** A collection whose documents carry `field` (a Date) after which they are gone. */
export interface ExpiringCollection {
  collection: { deleteMany(filter: Document): Promise<{ deletedCount: number }> };
  field: string;
}

/**
 * Creates a TTL index on `field` (expire at the date it holds). FerretDB 1.x answers
 * NotImplemented to TTL options: then a plain index is made and the caller's sweeper removes
 * expired documents. Returns whether the server expires documents itself.
 */
export async function ensureTtlIndex<T extends Document>(
  collection: Collection<T>,
  field: string,
  logger: Logger,
): Promise<boolean> {
  try {
    await collection.createIndex({ [field]: 1 }, { expireAfterSeconds: 0, name: `${field}_ttl` });
    return true;
  } catch (err) {
    if (!isNotImplemented(err)) throw err;
    logger.info(
      { collection: collection.collectionName, field },
      'TTL indexes are not implemented by this server; expired documents are removed on a timer',
    );
    await collection.createIndex({ [field]: 1 }, { name: `${field}_expiry` });
    return false;
  }
}

/**
 * Removes expired documents every `intervalMs`. Runs on both servers: where TTL indexes exist
 * it is merely redundant, and every read filters expired documents anyway.
 */
export function startExpirySweeper(
  targets: ExpiringCollection[],
  intervalMs: number,
  logger: Logger,
): { stop(): void; sweep(): Promise<number> } {
  const sweep = async (): Promise<number> => {
    let removed = 0;
    const now = new Date();
    for (const { collection, field } of targets) {
      const result = await collection.deleteMany({ [field]: { $lte: now } });
      removed += result.deletedCount;
    }
    return removed;
  };
  const timer = setInterval(() => {
    sweep().catch((err: unknown) => logger.warn({ err }, 'expiry sweep failed'));
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer), sweep };
}
