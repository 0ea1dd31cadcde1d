// A small stand-in for the Anthropic Messages API for the bench: POST /v1/messages answers with a
// submit_recipe tool call holding a recipe for the profile in the prompt, taking `latencyMs` in all.
// A streamed request (`"stream": true`, as the product sends) gets its first event after 10 % of
// that and the tool input in even pieces over the rest, the way a model's tokens arrive.
// The recipe comes from the offline engine (or the bench's own choice), so every answer passes the
// product's checks and a run costs exactly one model call.
import { createServer } from 'node:http';
import { ProfileSchema } from '@ai-chef/contracts';
import { profileJsonFromPrompt } from '@ai-chef/activities';
import { generateOfflineRecipe } from '@ai-chef/kitchen';
import { assistantMessage, draftFromRecipe, writeMessageStream } from '../../test/fakes/anthropic-messages.mjs';

const FIRST_EVENT_SHARE = 0.1;

function promptText(body) {
  const first = body?.messages?.[0]?.content;
  if (typeof first === 'string') return first;
  return Array.isArray(first) ? first.map((block) => block?.text ?? '').join('\n') : '';
}

async function readJson(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

/**
 * Starts the fake on 127.0.0.1 and a free port. `recipeFor(profile)` picks the recipe (default: the
 * offline engine's); drafts are memoised per profile so the fake's own CPU stays out of the figures.
 */
const offlineRecipe = (profile) => generateOfflineRecipe(profile).recipe;

export async function startModelFake({ latencyMs = 0, recipeFor = offlineRecipe } = {}) {
  let latency = latencyMs;
  let choose = recipeFor;
  let drafts = new Map();
  let calls = 0;
  let ids = 0;

  async function handle(req, res) {
    if (req.method !== 'POST' || !req.url?.startsWith('/v1/messages')) {
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end('{"type":"error","error":{"type":"not_found_error","message":"no route"}}');
      return;
    }
    const body = await readJson(req);
    calls += 1;
    const parsed = ProfileSchema.safeParse(profileJsonFromPrompt(promptText(body)));
    if (!parsed.success) {
      res
        .writeHead(400, { 'content-type': 'application/json' })
        .end(
          '{"type":"error","error":{"type":"invalid_request_error","message":"no <profile> in the prompt"}}',
        );
      return;
    }
    const key = JSON.stringify(parsed.data);
    let draft = drafts.get(key);
    if (draft === undefined) {
      draft = draftFromRecipe(choose(parsed.data));
      drafts.set(key, draft);
    }
    if (latency > 0 && body.stream !== true) await new Promise((resolve) => setTimeout(resolve, latency));
    ids += 1;
    const content = [
      {
        type: 'tool_use',
        id: `toolu_bench_${ids}`,
        name: body.tool_choice?.name ?? 'submit_recipe',
        input: draft,
      },
    ];
    const message = assistantMessage({
      id: `msg_bench_${ids}`,
      model: body.model,
      content,
      stopReason: 'tool_use',
      usage: { input_tokens: 1000, output_tokens: 500 },
    });
    const headers = { 'request-id': `req_bench_${ids}` };
    if (body.stream === true) {
      await writeMessageStream(res, message, {
        headers,
        firstEventMs: latency * FIRST_EVENT_SHARE,
        spreadMs: latency * (1 - FIRST_EVENT_SHARE),
      });
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(message));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ type: 'error', error: { type: 'api_error', message: String(err?.message ?? err) } }),
      );
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    apiKey: 'bench-key',
    get calls() {
      return calls;
    },
    /** New latency and recipe choice for the requests that follow; `recipeFor: null` goes back to the offline engine's. */
    configure(next) {
      if (next.latencyMs !== undefined) latency = next.latencyMs;
      if (next.recipeFor !== undefined) {
        choose = next.recipeFor ?? offlineRecipe;
        drafts = new Map();
      }
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
