import { parseArgs } from 'node:util';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { TEMPORAL_CONNECTION_ENV, loadEnv, temporalConnectionOptions } from '@ai-chef/platform';
import { buildIdsOf, bundleBuildId, historyFromFile, historyFromServer, replay } from './replay.js';

// npm run replay -- --workflow-id <id> [--run-id <id>]   (fetches the history from TEMPORAL_ADDRESS)
// npm run replay -- --history <file.json>                  (from `temporal workflow show --output json`)
Runtime.install({ logger: new DefaultLogger('WARN') });

const { values } = parseArgs({
  options: {
    'workflow-id': { type: 'string' },
    'run-id': { type: 'string' },
    history: { type: 'string', multiple: true },
  },
});

async function main(): Promise<number> {
  const sources: { label: string; load: () => ReturnType<typeof historyFromFile> }[] = [];
  for (const file of values.history ?? []) sources.push({ label: file, load: () => historyFromFile(file) });
  const workflowId = values['workflow-id'];
  if (workflowId) {
    const env = loadEnv(TEMPORAL_CONNECTION_ENV);
    sources.push({
      label: `workflow ${workflowId}`,
      load: () =>
        historyFromServer({
          connection: temporalConnectionOptions(env),
          namespace: env.TEMPORAL_NAMESPACE,
          workflowId,
          ...(values['run-id'] ? { runId: values['run-id'] } : {}),
        }),
    });
  }
  if (sources.length === 0) {
    console.error('usage: npm run replay -- --workflow-id <id> [--run-id <id>] | --history <file.json> ...');
    return 2;
  }
  let failed = 0;
  const thisBuild = await bundleBuildId();
  console.log(`replaying against build ${thisBuild}`);
  for (const source of sources) {
    try {
      const history = await source.load();
      // Which build ran it: replay inside that build's image to reproduce exactly what the worker saw.
      const ranOn = buildIdsOf(history);
      const note = ranOn.length === 0 ? 'no build id recorded' : ranOn.includes(thisBuild) ? 'same build' : `ran on ${ranOn.join(', ')}`;
      await replay(history, workflowId ?? 'replay');
      console.log(`ok      ${source.label} (${note})`);
    } catch (err) {
      failed++;
      console.error(`FAILED  ${source.label}\n  ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`);
    }
  }
  return failed === 0 ? 0 : 1;
}

process.exitCode = await main();
