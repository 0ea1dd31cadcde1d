// What the test fake and the bench's model fake of the Anthropic Messages API both answer: the
// draft a model would submit, the assistant message around it, and that message streamed
// (`"stream": true`) as server-sent events message_start, content_block_start/delta/stop,
// message_delta and message_stop. Plain JavaScript so the bench (which runs built code) can use it.

/** The draft a resolved recipe came from: what a model would have submitted. */
export function draftFromRecipe(recipe) {
  return {
    recipeName: recipe.recipeName,
    description: recipe.description,
    cookingTime: recipe.cookingTime,
    difficulty: recipe.difficulty,
    servings: recipe.servings,
    ingredients: recipe.ingredients.map(({ name, amount, unit }) => ({ name, amount, unit })),
    instructions: recipe.instructions,
    targetNotes: recipe.targetNotes,
  };
}

/** A complete assistant message of the Messages API. */
export function assistantMessage({ id, model, content, stopReason, usage }) {
  return { id, type: 'message', role: 'assistant', model, content, stop_reason: stopReason, stop_sequence: null, usage };
}

/** Splits text into at most `parts` pieces of near-equal length (by code point, never inside a pair). */
function pieces(text, parts) {
  const chars = [...text];
  const size = Math.max(1, Math.ceil(chars.length / Math.max(1, parts)));
  const out = [];
  for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(''));
  return out;
}

/** A wait that ends early when the client goes away (a timeout, an abort). */
function pause(res, ms) {
  if (ms <= 0 || res.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      res.off('close', done);
      resolve();
    }
    res.once('close', done);
  });
}

/** The deltas of one content block: a tool's input as JSON text in pieces, or a text's pieces. */
function deltasOf(block, parts) {
  if (block.type === 'tool_use') {
    return pieces(JSON.stringify(block.input), parts).map((partial_json) => ({ type: 'input_json_delta', partial_json }));
  }
  return pieces(block.text ?? '', parts).map((text) => ({ type: 'text_delta', text }));
}

function startOf(block) {
  return block.type === 'tool_use' ? { ...block, input: {} } : { type: 'text', text: '' };
}

/**
 * Streams a complete Messages API `message` as server-sent events. The first event goes out after
 * `firstEventMs`; the content's deltas spread evenly over `spreadMs` after it, the way a model's
 * tokens arrive. `failWith` ends the stream with an `error` event (e.g. `overloaded_error`) half way.
 */
export async function writeMessageStream(res, message, { firstEventMs = 0, spreadMs = 0, parts = 24, failWith, headers = {} } = {}) {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...headers });
  const send = (type, data) => {
    if (!res.destroyed) res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
  };
  await pause(res, firstEventMs);
  const { content, stop_reason, stop_sequence, usage, ...rest } = message;
  send('message_start', {
    message: { ...rest, content: [], stop_reason: null, stop_sequence: null, usage: { ...usage, output_tokens: 1 } },
  });
  const plan = content.map((block) => deltasOf(block, parts));
  const total = plan.reduce((sum, deltas) => sum + deltas.length, 0);
  const gap = total > 0 ? spreadMs / total : 0;
  let sent = 0;
  for (const [index, block] of content.entries()) {
    send('content_block_start', { index, content_block: startOf(block) });
    for (const delta of plan[index]) {
      await pause(res, gap);
      send('content_block_delta', { index, delta });
      sent += 1;
      if (failWith !== undefined && sent >= total / 2) {
        send('error', { error: { type: failWith, message: `${failWith} (anthropic fake, mid-stream)` } });
        res.end();
        return;
      }
    }
    send('content_block_stop', { index });
  }
  send('message_delta', { delta: { stop_reason, stop_sequence }, usage: { output_tokens: usage?.output_tokens ?? 0 } });
  send('message_stop', {});
  res.end();
}
