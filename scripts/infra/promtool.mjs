// promtool, Prometheus' rule checker, which `npm test` runs on monitoring/ (the alert rules, their
// unit tests, the dashboard's queries). Built once from the Go module proxy into .tools/promtool
// (about 6 minutes on 2 cores the first time; kept after).
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { TOOLS_DIR } from './paths.mjs';
import { step } from './log.mjs';
import { run } from './run-command.mjs';

/** The Prometheus release v3.x module version of the promtool this project checks its rules with. */
export const PROMTOOL_MODULE_VERSION = 'v0.316.0';
export const PROMTOOL_BIN = join(TOOLS_DIR, 'promtool', 'bin', 'promtool');

export async function ensurePromtool() {
  if (existsSync(PROMTOOL_BIN)) return PROMTOOL_BIN;
  step(`building promtool ${PROMTOOL_MODULE_VERSION} from the Go module proxy (first time only)`);
  mkdirSync(join(TOOLS_DIR, 'promtool', 'bin'), { recursive: true });
  await run('go', ['install', `github.com/prometheus/prometheus/cmd/promtool@${PROMTOOL_MODULE_VERSION}`], {
    env: { ...process.env, GOBIN: join(TOOLS_DIR, 'promtool', 'bin') },
  });
  return PROMTOOL_BIN;
}
