import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ProfileSchema } from '@ai-chef/contracts';
import type { Profile, RecipeDraft } from '@ai-chef/contracts';
import { generateOfflineRecipe } from '@ai-chef/kitchen';
import { profileJsonFromPrompt } from '../../activities/src/recipe/prompts.js';
import { assistantMessage, draftFromRecipe, writeMessageStream, type ContentBlock } from './anthropic-messages.mjs';

export { draftFromRecipe };

/** One request the fake received, as it arrived. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body, or the raw text when it was not JSON. */
  body: unknown;
  at: number;
}

/** What the fake does with one POST /v1/messages. */
export type FakeBehaviour =
  /**
   * A valid tool_use answer: the given draft, or one built for the profile in the prompt. A
   * streamed answer spreads its deltas over `streamMs` (default 0).
   */
  | { kind: 'recipe'; draft?: RecipeDraft; streamMs?: number }
  /** A streamed answer that breaks half way with an `error` event (a plain request gets that error as a 529). */
  | { kind: 'broken_stream'; errorType: string }
  /** A tool_use answer with any input at all, e.g. a malformed recipe. */
  | { kind: 'tool_input'; input: unknown }
  /** A text answer that never calls the tool. */
  | { kind: 'text'; text: string }
  /** An Anthropic error response. */
  | {
      kind: 'error';
      status: number;
      errorType?: string;
      message?: string;
      /** Sent as the `retry-after` header (seconds, or an HTTP date). */
      retryAfter?: number | string;
      /** Sent as the `retry-after-ms` header. */
      retryAfterMs?: number;
    }
  /** Waits, then behaves as `then` (for client timeouts). */
  | { kind: 'delay'; ms: number; then: FakeBehaviour };

/** Chooses a behaviour for the index-th (from 0) messages request since the script was set. */
export type BehaviourFn = (request: RecordedRequest, index: number) => FakeBehaviour;

/** A queue (one behaviour per request, in order; a request past its end gets a 500) or a function. */
export type BehaviourScript = BehaviourFn | readonly FakeBehaviour[];

export interface AnthropicFakeOptions {
  /** The key the fake accepts; default 'test-key'. */
  apiKey?: string;
  /** Default: every request gets a good recipe for the profile in its prompt. */
  behaviour?: BehaviourScript;
}

export interface AnthropicFake {
  /** The base URL to give the SDK (ANTHROPIC_BASE_URL). */
  url: string;
  apiKey: string;
  /** Every request, in arrival order (including rejected ones). */
  requests: RecordedRequest[];
  /** How many POST /v1/messages requests arrived. */
  readonly messageCount: number;
  setBehaviour(script: BehaviourScript): void;
  close(): Promise<void>;
}

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

export const goodRecipe = (draft?: RecipeDraft): FakeBehaviour =>
  draft ? { kind: 'recipe', draft } : { kind: 'recipe' };
export const malformedRecipe = (): FakeBehaviour => ({
  kind: 'tool_input',
  input: { recipeName: '', cookingTime: 'twenty', ingredients: 'a little of everything', calories: 120 },
});
export const overloaded = (retryAfterSeconds: number): FakeBehaviour => ({
  kind: 'error',
  status: 529,
  message: 'Overloaded',
  retryAfter: retryAfterSeconds,
});
export const rateLimited = (retryAfterSeconds: number): FakeBehaviour => ({
  kind: 'error',
  status: 429,
  message: 'Number of request tokens has exceeded your per-minute rate limit',
  retryAfter: retryAfterSeconds,
});
export const serverError = (): FakeBehaviour => ({
  kind: 'error',
  status: 500,
  message: 'Internal server error',
});
/** Every request gets the same behaviour, e.g. `always(serverError())`. */
export const always =
  (behaviour: FakeBehaviour): BehaviourFn =>
  () =>
    behaviour;

interface MessagesBody {
  model: string;
  max_tokens: number;
  messages: Array<{ role: string; content: unknown }>;
  tools?: Array<{ name: string; input_schema?: { type?: unknown } }>;
  tool_choice?: { type: string; name?: string };
  stream?: boolean;
}

function blocksOf(content: unknown): ContentBlock[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return Array.isArray(content) ? (content as ContentBlock[]) : [];
}

/** Text of every block (including tool_result contents) of every message: what a test searches. */
export function requestText(request: RecordedRequest): string {
  const body = request.body as Partial<MessagesBody> | undefined;
  const parts: string[] = [];
  for (const message of body?.messages ?? []) {
    for (const block of blocksOf(message.content)) {
      if (typeof block['text'] === 'string') parts.push(block['text']);
      if (block.type === 'tool_result') {
        for (const inner of blocksOf(block['content']))
          if (typeof inner['text'] === 'string') parts.push(inner['text']);
      }
    }
  }
  return parts.join('\n');
}

/** The profile the prompt carries in its <profile> block. */
export function profileOfRequest(request: RecordedRequest): Profile | undefined {
  const parsed = ProfileSchema.safeParse(profileJsonFromPrompt(requestText(request)));
  return parsed.success ? parsed.data : undefined;
}

/** Checks a request the way the real API would; returns the reason it is invalid, if it is. */
function invalidBody(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return 'body: expected a JSON object';
  const b = body as Partial<MessagesBody>;
  if (typeof b.model !== 'string' || b.model === '') return 'model: Field required';
  if (typeof b.max_tokens !== 'number') return 'max_tokens: Field required';
  if (!Array.isArray(b.messages) || b.messages.length === 0)
    return 'messages: at least one message is required';
  if (b.messages[0]?.role !== 'user') return 'messages: first message must use the "user" role';
  for (const tool of b.tools ?? []) {
    if (tool.input_schema?.type !== 'object')
      return `tools.${tool.name}.input_schema.type: Input should be 'object'`;
  }
  if (b.tool_choice?.type === 'tool' && !(b.tools ?? []).some((t) => t.name === b.tool_choice?.name)) {
    return `tool_choice: tool ${b.tool_choice.name ?? ''} not found in tools`;
  }
  for (let i = 0; i < b.messages.length; i += 1) {
    const message = b.messages[i];
    if (!message || (message.role !== 'user' && message.role !== 'assistant'))
      return `messages.${i}.role: unexpected role`;
    const previous = b.messages[i - 1];
    const offered = new Set(
      previous?.role === 'assistant'
        ? blocksOf(previous.content)
            .filter((block) => block.type === 'tool_use')
            .map((block) => block['id'])
        : [],
    );
    for (const block of blocksOf(message.content)) {
      if (block.type === 'tool_result' && (message.role !== 'user' || !offered.has(block['tool_use_id']))) {
        return `messages.${i}: tool_result block(s) provided when previous message does not have a matching tool_use`;
      }
    }
  }
  return undefined;
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.destroyed || res.writableEnded) return;
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function sendError(
  res: ServerResponse,
  status: number,
  type: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  const requestId = `req_fake_${Math.random().toString(36).slice(2, 10)}`;
  sendJson(
    res,
    status,
    { type: 'error', error: { type, message }, request_id: requestId },
    { 'request-id': requestId, ...headers },
  );
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Starts a local server that speaks the Anthropic Messages API (POST /v1/messages) on
 * 127.0.0.1 and a free port, answering as the script says and recording every request.
 */
export async function startAnthropicFake(options: AnthropicFakeOptions = {}): Promise<AnthropicFake> {
  const apiKey = options.apiKey ?? 'test-key';
  const requests: RecordedRequest[] = [];
  let script: BehaviourScript = options.behaviour ?? always(goodRecipe());
  let messageCount = 0;
  let scriptIndex = 0;
  let ids = 0;

  function choose(request: RecordedRequest, index: number): FakeBehaviour | undefined {
    return typeof script === 'function' ? script(request, index) : script[index];
  }

  async function perform(
    behaviour: FakeBehaviour,
    request: RecordedRequest,
    res: ServerResponse,
  ): Promise<void> {
    const body = request.body as MessagesBody;
    if (behaviour.kind === 'delay') {
      // A client that gives up (timeout, abort) closes the response: stop waiting for it then.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, behaviour.ms);
        res.once('close', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      return perform(behaviour.then, request, res);
    }
    if (behaviour.kind === 'error') {
      const headers: Record<string, string> = {};
      if (behaviour.retryAfter !== undefined) headers['retry-after'] = String(behaviour.retryAfter);
      if (behaviour.retryAfterMs !== undefined) headers['retry-after-ms'] = String(behaviour.retryAfterMs);
      const type = behaviour.errorType ?? ERROR_TYPES[behaviour.status] ?? 'api_error';
      sendError(res, behaviour.status, type, behaviour.message ?? type, headers);
      return;
    }
    if (behaviour.kind === 'broken_stream' && body.stream !== true) {
      sendError(res, 529, behaviour.errorType, `${behaviour.errorType} (anthropic fake)`);
      return;
    }
    ids += 1;
    let content: ContentBlock[];
    if (behaviour.kind === 'text') {
      content = [{ type: 'text', text: behaviour.text }];
    } else {
      let input: unknown;
      if (behaviour.kind === 'tool_input') {
        input = behaviour.input;
      } else if (behaviour.kind === 'recipe' && behaviour.draft) {
        input = behaviour.draft;
      } else {
        const profile = profileOfRequest(request);
        if (!profile) {
          sendError(
            res,
            400,
            'invalid_request_error',
            'anthropic fake: the prompt carries no <profile> to cook for',
          );
          return;
        }
        // A good model writes the dish it is asked for (a chosen dish, a plan's meal).
        const dish = /^(?:만들 요리|The dish to write): (.+)$/m.exec(requestText(request))?.[1];
        input = draftFromRecipe(generateOfflineRecipe(profile, undefined, dish === undefined ? {} : { dish }).recipe);
      }
      const name = body.tool_choice?.name ?? body.tools?.[0]?.name ?? 'submit_recipe';
      content = [{ type: 'tool_use', id: `toolu_fake_${ids}`, name, input }];
    }
    const message = assistantMessage({
      id: `msg_fake_${ids}`,
      model: body.model,
      content,
      stopReason: behaviour.kind === 'text' ? 'end_turn' : 'tool_use',
      usage: {
        input_tokens: Math.ceil(JSON.stringify(body.messages).length / 4),
        output_tokens: Math.ceil(JSON.stringify(content).length / 4),
      },
    });
    const headers = { 'request-id': `req_fake_${ids}` };
    if (body.stream !== true) {
      sendJson(res, 200, message, headers);
      return;
    }
    await writeMessageStream(res, message, {
      headers,
      spreadMs: behaviour.kind === 'recipe' ? (behaviour.streamMs ?? 0) : 0,
      ...(behaviour.kind === 'broken_stream' ? { failWith: behaviour.errorType } : {}),
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    let body: unknown = raw;
    try {
      body = raw === '' ? undefined : (JSON.parse(raw) as unknown);
    } catch {
      // Kept as text: the request is recorded as it arrived, then rejected below.
    }
    const request: RecordedRequest = {
      method: req.method ?? '',
      path: new URL(req.url ?? '/', 'http://fake').pathname,
      headers: req.headers,
      body,
      at: Date.now(),
    };
    requests.push(request);
    if (request.method !== 'POST' || request.path !== '/v1/messages') {
      sendError(res, 404, 'not_found_error', `anthropic fake: no route ${request.method} ${request.path}`);
      return;
    }
    messageCount += 1;
    const authorization = req.headers['authorization'];
    if (req.headers['x-api-key'] !== apiKey && authorization !== `Bearer ${apiKey}`) {
      sendError(res, 401, 'authentication_error', 'invalid x-api-key');
      return;
    }
    if (typeof req.headers['anthropic-version'] !== 'string' || req.headers['anthropic-version'] === '') {
      sendError(res, 400, 'invalid_request_error', 'anthropic-version: header is required');
      return;
    }
    const invalid = invalidBody(body);
    if (invalid) {
      sendError(res, 400, 'invalid_request_error', invalid);
      return;
    }
    const index = scriptIndex;
    scriptIndex += 1;
    const behaviour = choose(request, index);
    if (!behaviour) {
      sendError(res, 500, 'api_error', `anthropic fake: no behaviour scripted for request ${index + 1}`);
      return;
    }
    await perform(behaviour, request, res);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      sendError(
        res,
        500,
        'api_error',
        `anthropic fake failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    requests,
    get messageCount() {
      return messageCount;
    },
    setBehaviour(next) {
      script = next;
      scriptIndex = 0;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
