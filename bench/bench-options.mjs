// Command-line options of `npm run bench` (node:util parseArgs; no dependencies, so they parse
// before node_modules exists on a fresh clone).
import { parseArgs } from 'node:util';

export const FIGURE_IDS = ['B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'B7', 'B8', 'B9'];

const USAGE = `usage: npm run bench -- [--quick] [--only B1,B7] [--url <gateway url> [--mongo-url <url>]] [--cpu-prof] [--keep] [--no-build]

  --quick        smaller counts and shorter windows: a smoke run of a few minutes
  --only         run only these figures (comma-separated ids, B1 to B9)
  --url          measure a running gateway instead of starting a stack (B1, B2 and B7 only;
                 B3 to B6, B8 and B9 need the bench's own worker, fakes and processes)
  --mongo-url    the database behind --url, for the raw-insert references
                 (default: $MONGO_URL, else mongodb://127.0.0.1:27017/)
  --cpu-prof     run the services with node --cpu-prof; the profiles stay in the kept data dir
  --keep         keep the temporary data dir (logs, Temporal and database files) after the run
  --no-build     skip \`npm run build\` (the built dist/ must be current)`;

/** The options, or throws with the usage text on anything unknown. */
export function parseBenchOptions(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        quick: { type: 'boolean', default: false },
        only: { type: 'string' },
        url: { type: 'string' },
        'mongo-url': { type: 'string' },
        'cpu-prof': { type: 'boolean', default: false },
        keep: { type: 'boolean', default: false },
        'no-build': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (err) {
    throw new Error(`${err.message}\n${USAGE}`, { cause: err });
  }
  if (parsed.help) return { help: USAGE };
  const only =
    parsed.only === undefined ? FIGURE_IDS : parsed.only.split(',').map((id) => id.trim().toUpperCase());
  const unknown = only.filter((id) => !FIGURE_IDS.includes(id));
  if (unknown.length > 0 || only.length === 0)
    throw new Error(`--only: unknown figure ${unknown.join(', ') || '(none)'}\n${USAGE}`);
  if (parsed.url !== undefined && !/^https?:\/\/[^/]+/.test(parsed.url))
    throw new Error(`--url must be an http(s) URL\n${USAGE}`);
  return {
    quick: parsed.quick,
    only: FIGURE_IDS.filter((id) => only.includes(id)),
    url: parsed.url?.replace(/\/+$/, ''),
    mongoUrl: parsed['mongo-url'] ?? process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/',
    cpuProf: parsed['cpu-prof'],
    keep: parsed.keep || parsed['cpu-prof'],
    build: !parsed['no-build'],
  };
}
