// A TLS front for the test's plaintext Temporal dev server, as Temporal Cloud or an mTLS cluster
// would be: it terminates TLS (asking for, and optionally requiring, a client certificate) and
// forwards each gRPC stream to the dev server, noting what every call presented.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import http2, { type IncomingHttpHeaders, type OutgoingHttpHeaders, type ServerHttp2Session } from 'node:http2';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';

export interface TestCertificates {
  dir: string;
  caPath: string;
  clientCertPath: string;
  clientKeyPath: string;
  /** The name in the server certificate (not 127.0.0.1): clients must override the server name. */
  serverName: string;
}

/** A CA, a server certificate for `temporal.test` and a client certificate, made with openssl. */
export function makeCertificates(): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'temporal-tls-'));
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=ai-chef test CA');
  for (const [name, subject, ext] of [
    ['server', '/CN=temporal.test', 'subjectAltName=DNS:temporal.test\nextendedKeyUsage=serverAuth'],
    ['client', '/CN=ai-chef-test-client', 'extendedKeyUsage=clientAuth'],
  ] as const) {
    openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject);
    execFileSync('sh', ['-c', `printf '${ext}\\n' > ${name}.ext`], { cwd: dir });
    openssl('x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.pem`, '-days', '2', '-extfile', `${name}.ext`);
  }
  return {
    dir,
    caPath: join(dir, 'ca.pem'),
    clientCertPath: join(dir, 'client.pem'),
    clientKeyPath: join(dir, 'client.key'),
    serverName: 'temporal.test',
  };
}

export interface SeenCall {
  path: string;
  clientCertificate: string | undefined;
  authorization: string | undefined;
  namespaceHeader: string | undefined;
}

export interface TemporalTlsProxy {
  address: string;
  calls: SeenCall[];
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'host']);

function forwardable(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !name.startsWith(':') && !HOP_BY_HOP.has(name)));
}

export async function startTemporalTlsProxy(options: {
  upstream: string;
  certificates: TestCertificates;
  requireClientCertificate: boolean;
}): Promise<TemporalTlsProxy> {
  const { certificates } = options;
  const calls: SeenCall[] = [];
  const upstream = http2.connect(`http://${options.upstream}`);
  upstream.on('error', () => undefined);
  const server = http2.createSecureServer({
    key: readFileSync(join(certificates.dir, 'server.key')),
    cert: readFileSync(join(certificates.dir, 'server.pem')),
    ca: readFileSync(certificates.caPath),
    requestCert: true,
    rejectUnauthorized: options.requireClientCertificate,
    ALPNProtocols: ['h2'],
  });
  const sessions = new Set<ServerHttp2Session>();
  server.on('session', (session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
  });
  server.on('stream', (stream, headers) => {
    const peer = (stream.session?.socket as TLSSocket | undefined)?.getPeerCertificate();
    calls.push({
      path: String(headers[':path']),
      clientCertificate: peer && 'subject' in peer && peer.subject ? String(peer.subject.CN) : undefined,
      authorization: headers.authorization,
      namespaceHeader: headers['temporal-namespace'] as string | undefined,
    });
    const request = upstream.request({ ':method': headers[':method'], ':path': headers[':path'], ...forwardable(headers) });
    let trailers: OutgoingHttpHeaders = {};
    request.on('response', (response) => {
      const status = { ':status': response[':status'] ?? 200, ...forwardable(response) };
      // A trailers-only answer (an error status in the headers) ends the stream at once.
      if ('grpc-status' in response) stream.respond(status, { endStream: true });
      else {
        stream.respond(status, { waitForTrailers: true });
        request.pipe(stream);
      }
    });
    request.on('trailers', (received) => {
      trailers = forwardable(received);
    });
    stream.on('wantTrailers', () => stream.sendTrailers(trailers));
    stream.pipe(request);
    stream.on('close', () => request.close());
    request.on('error', () => stream.destroy());
    stream.on('error', () => request.close());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    address: `127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        upstream.close();
        server.close(() => resolve());
        // Long polls stay open until their sessions go.
        for (const session of sessions) session.destroy();
      }),
  };
}
