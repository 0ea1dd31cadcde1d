import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Connection } from '@temporalio/client';
import type { SessionStatusView } from '@ai-chef/contracts';
import { requiredEnv, startStack } from '../support/stack.js';
import { call, eventually } from '../support/http.js';
import { buildProfile } from '../support/factories.js';
import { makeCertificates, startTemporalTlsProxy, type TemporalTlsProxy, type TestCertificates } from '../support/temporal-tls-proxy.js';

// README, Configuration: the worker and the session service reach Temporal over TLS with a client certificate
// (mTLS), or with an API key, as on Temporal Cloud. A TLS front on the dev server checks both.

let certificates: TestCertificates;
const proxies: TemporalTlsProxy[] = [];

beforeAll(() => {
  certificates = makeCertificates();
});
afterAll(async () => {
  await Promise.all(proxies.map((proxy) => proxy.close()));
});

async function completesOneRun(overrides: Record<string, string>): Promise<void> {
  const stack = await startStack(overrides);
  try {
    const { body } = await call<{ sessionId: string }>(stack.gatewayUrl, 'POST', '/session/start');
    const accepted = await call(stack.gatewayUrl, 'POST', `/session/${body.sessionId}/process`, { profile: buildProfile() });
    expect(accepted.status).toBe(202);
    const final = await eventually(async () => {
      const status = await call<SessionStatusView>(stack.gatewayUrl, 'GET', `/session/${body.sessionId}/status`);
      return status.body.status === 'processing' ? undefined : status.body;
    });
    expect(final.status).toBe('completed');
  } finally {
    await stack.stop();
  }
}

describe('Temporal over TLS', () => {
  it('when the server requires a client certificate, then the worker and the session service present theirs and a run completes', async () => {
    const proxy = await startTemporalTlsProxy({ upstream: requiredEnv('TEST_TEMPORAL_ADDRESS'), certificates, requireClientCertificate: true });
    proxies.push(proxy);
    await completesOneRun({
      TEMPORAL_ADDRESS: proxy.address,
      TEMPORAL_TLS_CERT_PATH: certificates.clientCertPath,
      TEMPORAL_TLS_KEY_PATH: certificates.clientKeyPath,
      TEMPORAL_TLS_CA_PATH: certificates.caPath,
      TEMPORAL_TLS_SERVER_NAME: certificates.serverName,
    });
    const paths = new Set(proxy.calls.map((seen) => seen.path));
    // The session service starts the run, the worker polls and completes its tasks: both came through.
    expect(paths).toContain('/temporal.api.workflowservice.v1.WorkflowService/StartWorkflowExecution');
    expect(paths).toContain('/temporal.api.workflowservice.v1.WorkflowService/PollWorkflowTaskQueue');
    expect(proxy.calls.every((seen) => seen.clientCertificate === 'ai-chef-test-client')).toBe(true);
  });

  it('when a client has no certificate, then the server refuses it', async () => {
    const proxy = await startTemporalTlsProxy({ upstream: requiredEnv('TEST_TEMPORAL_ADDRESS'), certificates, requireClientCertificate: true });
    proxies.push(proxy);
    await expect(
      Connection.connect({
        address: proxy.address,
        tls: { serverNameOverride: certificates.serverName, serverRootCACertificate: Buffer.from(await readCa()) },
        connectTimeout: 3000,
      }),
    ).rejects.toThrow();
  });

  it('when an API key is set, then every call carries it and the namespace, over TLS', async () => {
    const proxy = await startTemporalTlsProxy({ upstream: requiredEnv('TEST_TEMPORAL_ADDRESS'), certificates, requireClientCertificate: false });
    proxies.push(proxy);
    await completesOneRun({
      TEMPORAL_ADDRESS: proxy.address,
      TEMPORAL_API_KEY: 'test-api-key-0123456789',
      TEMPORAL_TLS_CA_PATH: certificates.caPath,
      TEMPORAL_TLS_SERVER_NAME: certificates.serverName,
    });
    expect(proxy.calls.length).toBeGreaterThan(3);
    for (const seen of proxy.calls) {
      expect(seen.authorization).toBe('Bearer test-api-key-0123456789');
      expect(seen.namespaceHeader).toBe('default');
    }
  });
});

async function readCa(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  return readFile(certificates.caPath, 'utf8');
}
