// An HTTP proxy in front of the session service that refuses chosen calls of the worker: the way
// to make a run fail in its price or combine step for real (the activity's own retries included).
import { createServer, request as forward, type IncomingMessage } from 'node:http';

export interface FaultyProxy {
  url: string;
  /** How many calls the proxy refused. */
  readonly refused: number;
  close(): Promise<void>;
}

/** `refuse(method, path, body)`: a status to answer with instead of forwarding, or undefined to forward. */
export async function startFaultyProxy(
  target: string,
  refuse: (method: string, path: string, body: string) => number | undefined,
): Promise<FaultyProxy> {
  const upstream = new URL(target);
  let refused = 0;
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const status = refuse(req.method ?? 'GET', req.url ?? '/', body.toString('utf8'));
      if (status !== undefined) {
        refused += 1;
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'injected_fault', message: 'Refused by the test proxy.' } }));
        return;
      }
      const out = forward(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      out.on('error', () => res.destroy());
      out.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    get refused() {
      return refused;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
