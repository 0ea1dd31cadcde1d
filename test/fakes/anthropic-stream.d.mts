import type { ServerResponse } from 'node:http';

export interface MessageStreamOptions {
  firstEventMs?: number;
  spreadMs?: number;
  parts?: number;
  /** An Anthropic error type sent as an `error` event half way through. */
  failWith?: string;
  headers?: Record<string, string>;
}

/** Streams a complete Messages API message as server-sent events. */
export function writeMessageStream(res: ServerResponse, message: { content: Array<{ type: string; [key: string]: unknown }>; [key: string]: unknown }, options?: MessageStreamOptions): Promise<void>;
