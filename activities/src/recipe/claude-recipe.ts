import Anthropic from '@anthropic-ai/sdk';
import { ApplicationFailure } from '@temporalio/common';
import type { ContentBlockParam, Message, MessageParam, Tool } from '@anthropic-ai/sdk/resources/messages';
import { z } from 'zod';
import { RecipeDraftSchema } from '@ai-chef/contracts';
import type { Nutrition, Profile, Recipe, RecipeDraft } from '@ai-chef/contracts';
import { resolveDraft } from '@ai-chef/kitchen';
import { buildRecipePrompt, repairInstruction } from './prompts.js';
import type { DishRequest } from './prompts.js';
import { PROVIDER_UNAVAILABLE, toProviderFailure } from './provider-failure.js';

export const SUBMIT_RECIPE_TOOL_NAME = 'submit_recipe';
/** A rejected answer goes back with its reasons at most this many times (README, The answer). */
export const MAX_REPAIRS = 2;

const DEFAULT_MAX_TOKENS = 4096;
/** Well inside the activity's heartbeat timeout (about 10 s), since one model call can take longer. */
const DEFAULT_HEARTBEAT_INTERVAL_MS = 2000;

export interface ClaudeRecipeWriterOptions {
  apiKey: string;
  baseURL?: string;
  model: string;
  /** One HTTP request's timeout; the SDK does not retry it. */
  timeoutMs: number;
  maxTokens?: number;
  heartbeatIntervalMs?: number;
}

export interface WriteOptions extends DishRequest {
  heartbeat(): void;
  signal?: AbortSignal;
  /** Told why the model's answers were given up on (Temporal's activity `log.warn` fits). */
  warn?(message: string, fields?: Record<string, unknown>): void;
  /**
   * Told each ingredient name as soon as the streamed answer has written it whole, before the
   * answer ends (the worker starts pricing it then). Names of an answer later rejected come too.
   */
  onIngredient?(name: string): void;
}

/** The model's recipe that passed every check, or the problems of its last answer after every repair. */
export type ModelAnswer = { ok: true; recipe: Recipe; nutrition: Nutrition } | { ok: false; problems: string[] };

export interface ClaudeRecipeWriter {
  readonly model: string;
  /**
   * Asks the model for a recipe and sends a rejected answer back with its reasons at most twice.
   * Provider errors are thrown as ApplicationFailures; what to do without the model's recipe is the caller's.
   */
  write(profile: Profile, options: WriteOptions): Promise<ModelAnswer>;
}

/** The tool's input schema: the JSON schema of RecipeDraftSchema, an object at the top. */
export function submitRecipeTool(): Tool {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(RecipeDraftSchema);
  if (schema.type !== 'object') throw new Error('RecipeDraftSchema must be an object schema');
  return {
    name: SUBMIT_RECIPE_TOOL_NAME,
    description:
      'Submit the finished recipe. Every field is required; ingredient amounts are for all servings together.',
    input_schema: { ...schema, type: 'object' },
  };
}

/** What the model's answer amounts to: a draft that passed every check, or the reasons it did not. */
type Answer = { ok: true; recipe: Recipe; nutrition: Nutrition } | { ok: false; problems: string[]; toolUseId?: string };

function zodProblems(error: z.ZodError): string[] {
  return error.issues.slice(0, 15).map((issue) => {
    const path = issue.path.length > 0 ? issue.path.join('.') : 'input';
    return `${path}: ${issue.message}`;
  });
}

function judgeAnswer(message: Message, profile: Profile): Answer {
  const toolUse = message.content.find(
    (block) => block.type === 'tool_use' && block.name === SUBMIT_RECIPE_TOOL_NAME,
  );
  if (!toolUse || toolUse.type !== 'tool_use') {
    return {
      ok: false,
      problems: [`The answer did not call ${SUBMIT_RECIPE_TOOL_NAME} (stop reason ${message.stop_reason}).`],
    };
  }
  const parsed = RecipeDraftSchema.safeParse(toolUse.input);
  if (!parsed.success) {
    return { ok: false, problems: zodProblems(parsed.error), toolUseId: toolUse.id };
  }
  const draft: RecipeDraft = parsed.data;
  const { recipe, nutrition, problems } = resolveDraft(draft, profile);
  // Prices, nutrition per serving and the cost per serving all assume the servings asked for.
  if (draft.servings !== profile.servings) {
    problems.unshift(
      profile.language === 'ko'
        ? `servings는 ${profile.servings}이어야 합니다 (${draft.servings}인분으로 작성됨). 분량을 ${profile.servings}인분에 맞추세요.`
        : `servings must be ${profile.servings} (the recipe is written for ${draft.servings}); scale the amounts to ${profile.servings} servings.`,
    );
  }
  if (problems.length > 0) return { ok: false, problems, toolUseId: toolUse.id };
  return { ok: true, recipe, nutrition };
}

/** The assistant turn as it goes back to the API: only text and tool_use blocks are ours to echo. */
function assistantTurn(message: Message): ContentBlockParam[] {
  const blocks: ContentBlockParam[] = [];
  for (const block of message.content) {
    if (block.type === 'text') blocks.push({ type: 'text', text: block.text });
    if (block.type === 'tool_use')
      blocks.push({ type: 'tool_use', id: block.id, name: block.name, input: block.input });
  }
  return blocks;
}

function repairTurns(
  message: Message,
  answer: { problems: string[]; toolUseId?: string },
  profile: Profile,
): MessageParam[] {
  const echoed = assistantTurn(message);
  if (echoed.length === 0) return [];
  const text = repairInstruction(answer.problems, profile.language);
  const reply: ContentBlockParam[] = answer.toolUseId
    ? [{ type: 'tool_result', tool_use_id: answer.toolUseId, is_error: true, content: text }]
    : [{ type: 'text', text }];
  return [
    { role: 'assistant', content: echoed },
    { role: 'user', content: reply },
  ];
}

/**
 * Reports the ingredients of a streamed submit_recipe input as they complete: an entry is whole
 * once a later entry has begun or the list has ended (a later field has begun).
 */
export function ingredientWatcher(report: (name: string) => void): (snapshot: unknown) => void {
  let reported = 0;
  return (snapshot) => {
    if (typeof snapshot !== 'object' || snapshot === null) return;
    const { ingredients, instructions, targetNotes } = snapshot as Record<string, unknown>;
    if (!Array.isArray(ingredients)) return;
    const listEnded = instructions !== undefined || targetNotes !== undefined;
    const whole = listEnded ? ingredients.length : ingredients.length - 1;
    for (; reported < whole; reported += 1) {
      const entry: unknown = ingredients[reported];
      const name = typeof entry === 'object' && entry !== null ? (entry as { name?: unknown }).name : undefined;
      if (typeof name === 'string' && name.trim() !== '') report(name.trim());
    }
  };
}

/** Runs a promise while heartbeating, so a long model call does not look like a dead worker. */
async function heartbeating<T>(promise: Promise<T>, heartbeat: () => void, intervalMs: number): Promise<T> {
  const timer = setInterval(heartbeat, intervalMs);
  try {
    return await promise;
  } finally {
    clearInterval(timer);
  }
}

export function createClaudeRecipeWriter(options: ClaudeRecipeWriterOptions): ClaudeRecipeWriter {
  // Temporal owns every retry: the SDK sends exactly one HTTP request per call.
  const client = new Anthropic({
    apiKey: options.apiKey,
    baseURL: options.baseURL,
    maxRetries: 0,
    timeout: options.timeoutMs,
  });
  const tool = submitRecipeTool();
  const maxTokens = options.maxTokens ?? DEFAULT_MAX_TOKENS;
  const heartbeatIntervalMs = options.heartbeatIntervalMs ?? DEFAULT_HEARTBEAT_INTERVAL_MS;

  async function ask(system: string, messages: MessageParam[], write: WriteOptions): Promise<Message> {
    write.heartbeat();
    let stalled = false;
    let idleTimer: NodeJS.Timeout | undefined;
    try {
      // Streamed, so the ingredients are known (and priced) while the rest is still being written.
      const stream = client.messages.stream(
        {
          model: options.model,
          max_tokens: maxTokens,
          system,
          messages: [...messages],
          tools: [tool],
          tool_choice: { type: 'tool', name: SUBMIT_RECIPE_TOOL_NAME },
        },
        { signal: write.signal },
      );
      // The SDK's timeout covers the wait for the response's headers; a stream that then goes
      // quiet for as long is given up on here (retried like a timeout).
      const watchIdle = (): void => {
        clearTimeout(idleTimer);
        idleTimer = setTimeout(() => {
          stalled = true;
          stream.abort();
        }, options.timeoutMs);
      };
      watchIdle();
      stream.on('streamEvent', watchIdle);
      const { onIngredient } = write;
      if (onIngredient !== undefined) {
        const watch = ingredientWatcher((name) => {
          try {
            onIngredient(name);
          } catch {
            // Pricing ahead is an optimisation: its trouble never fails the recipe.
          }
        });
        stream.on('inputJson', (_delta, snapshot) => watch(snapshot));
      }
      return await heartbeating(stream.finalMessage(), () => write.heartbeat(), heartbeatIntervalMs);
    } catch (error) {
      // A cancelled activity ends with its cancellation, not with a provider failure.
      if (write.signal?.aborted) throw write.signal.reason instanceof Error ? write.signal.reason : error;
      if (stalled) {
        throw ApplicationFailure.create({
          type: PROVIDER_UNAVAILABLE,
          message: `The model provider sent nothing for ${options.timeoutMs} ms`,
        });
      }
      throw toProviderFailure(error);
    } finally {
      clearTimeout(idleTimer);
      write.heartbeat();
    }
  }

  return {
    model: options.model,
    async write(profile, write) {
      const prompt = buildRecipePrompt(profile, { ...(write.avoid ? { avoid: write.avoid } : {}), ...(write.dish ? { dish: write.dish } : {}) });
      const messages: MessageParam[] = [{ role: 'user', content: prompt.user }];
      let problems: string[] = [];
      for (let call = 0; call <= MAX_REPAIRS; call += 1) {
        const message = await ask(prompt.system, messages, write);
        const answer = judgeAnswer(message, profile);
        if (answer.ok) return answer;
        problems = answer.problems;
        if (call < MAX_REPAIRS) messages.push(...repairTurns(message, answer, profile));
      }
      return { ok: false, problems };
    },
  };
}
