import type { ServerResponse } from 'node:http';
import type { Recipe, RecipeDraft } from '@ai-chef/contracts';

export type ContentBlock = { type: string; [key: string]: unknown };

export interface AssistantMessage {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: ContentBlock[];
  stop_reason: string;
  stop_sequence: null;
  usage: { input_tokens: number; output_tokens: number };
}

/** The draft a resolved recipe came from: what a model would have submitted. */
export function draftFromRecipe(recipe: Recipe): RecipeDraft;

/** A complete assistant message of the Messages API. */
export function assistantMessage(parts: {
  id: string;
  model: string;
  content: ContentBlock[];
  stopReason: string;
  usage: { input_tokens: number; output_tokens: number };
}): AssistantMessage;

export interface MessageStreamOptions {
  firstEventMs?: number;
  spreadMs?: number;
  parts?: number;
  /** An Anthropic error type sent as an `error` event half way through. */
  failWith?: string;
  headers?: Record<string, string>;
}

/** Streams a complete Messages API message as server-sent events. */
export function writeMessageStream(res: ServerResponse, message: AssistantMessage, options?: MessageStreamOptions): Promise<void>;
