export interface SseMessage {
  event: string;
  data: string;
}

/** Reads a Server-Sent Events response to its end; comments (keep-alives) are counted, not returned. */
export async function readEvents(url: string): Promise<{ status: number; contentType: string | null; events: SseMessage[]; comments: number }> {
  const response = await fetch(url, { headers: { accept: 'text/event-stream' } });
  const events: SseMessage[] = [];
  let comments = 0;
  if (!response.body || !response.headers.get('content-type')?.startsWith('text/event-stream')) {
    await response.text();
    return { status: response.status, contentType: response.headers.get('content-type'), events, comments };
  }
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of response.body) {
    buffer += decoder.decode(chunk as Uint8Array, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (block.startsWith(':')) {
        comments++;
        continue;
      }
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
      const data = block
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice(6))
        .join('\n');
      events.push({ event, data });
    }
  }
  return { status: response.status, contentType: response.headers.get('content-type'), events, comments };
}
