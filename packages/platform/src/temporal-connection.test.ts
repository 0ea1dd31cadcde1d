import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadEnv } from './config.js';
import { TEMPORAL_CONNECTION_ENV, describeTemporalConnection, temporalConnectionOptions } from './temporal-connection.js';

const settings = (env: Record<string, string>) => loadEnv(TEMPORAL_CONNECTION_ENV, env);

describe('temporalConnectionOptions', () => {
  it('when nothing is set, then it connects in plaintext to the local default', () => {
    const options = temporalConnectionOptions(settings({}));
    expect(options).toEqual({ address: '127.0.0.1:7233' });
    expect(describeTemporalConnection(options)).toBe('plaintext');
  });

  it('when an API key is set, then TLS is on and the namespace header goes along', () => {
    const options = temporalConnectionOptions(
      settings({ TEMPORAL_ADDRESS: 'eu-west-1.aws.api.temporal.io:7233', TEMPORAL_NAMESPACE: 'chef.a1b2c', TEMPORAL_API_KEY: 'key-123' }),
    );
    expect(options).toEqual({
      address: 'eu-west-1.aws.api.temporal.io:7233',
      tls: {},
      apiKey: 'key-123',
      metadata: { 'temporal-namespace': 'chef.a1b2c' },
    });
    expect(describeTemporalConnection(options)).toBe('tls + api key');
  });

  it('when a client certificate, its key, a CA and a server name are set, then all four are read and used', () => {
    const dir = mkdtempSync(join(tmpdir(), 'temporal-tls-'));
    for (const name of ['client.pem', 'client.key', 'ca.pem']) writeFileSync(join(dir, name), `-----${name}-----`);
    const options = temporalConnectionOptions(
      settings({
        TEMPORAL_TLS_CERT_PATH: join(dir, 'client.pem'),
        TEMPORAL_TLS_KEY_PATH: join(dir, 'client.key'),
        TEMPORAL_TLS_CA_PATH: join(dir, 'ca.pem'),
        TEMPORAL_TLS_SERVER_NAME: 'temporal.internal',
      }),
    );
    expect(options.tls?.serverNameOverride).toBe('temporal.internal');
    expect(options.tls?.clientCertPair?.crt.toString()).toBe('-----client.pem-----');
    expect(options.tls?.clientCertPair?.key.toString()).toBe('-----client.key-----');
    expect(options.tls?.serverRootCACertificate?.toString()).toBe('-----ca.pem-----');
    expect(options.apiKey).toBeUndefined();
  });

  it('when only the certificate is set, or a file is missing, then the error names the variable', () => {
    expect(() => temporalConnectionOptions(settings({ TEMPORAL_TLS_CERT_PATH: '/nowhere/client.pem' }))).toThrow(
      /TEMPORAL_TLS_CERT_PATH, TEMPORAL_TLS_KEY_PATH: set both/,
    );
    const missing = () =>
      temporalConnectionOptions(settings({ TEMPORAL_TLS_CERT_PATH: '/nowhere/client.pem', TEMPORAL_TLS_KEY_PATH: '/nowhere/client.key' }));
    expect(missing).toThrow(ConfigError);
    expect(missing).toThrow(/TEMPORAL_TLS_CERT_PATH: cannot read \/nowhere\/client.pem \(ENOENT\)/);
  });
});
