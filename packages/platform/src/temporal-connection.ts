import { readFileSync } from 'node:fs';
import { ConfigError, type EnvConfig } from './config.js';

/** The settings every Temporal connection of this project reads (worker, session service, replay tool). */
export const TEMPORAL_CONNECTION_ENV = [
  'TEMPORAL_ADDRESS',
  'TEMPORAL_NAMESPACE',
  'TEMPORAL_API_KEY',
  'TEMPORAL_TLS_CERT_PATH',
  'TEMPORAL_TLS_KEY_PATH',
  'TEMPORAL_TLS_SERVER_NAME',
  'TEMPORAL_TLS_CA_PATH',
] as const;

export type TemporalConnectionSettings = EnvConfig<(typeof TEMPORAL_CONNECTION_ENV)[number]>;

/**
 * What both `Connection.connect` (client) and `NativeConnection.connect` (worker) take; a plain
 * shape so this package needs no Temporal dependency.
 */
export interface TemporalConnectionOptions {
  address: string;
  tls?: {
    serverNameOverride?: string;
    serverRootCACertificate?: Buffer;
    clientCertPair?: { crt: Buffer; key: Buffer };
  };
  apiKey?: string;
  metadata?: Record<string, string>;
}

function readPem(variable: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new ConfigError(`Invalid configuration:\n  ${variable}: cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/**
 * Plain TCP to a local server by default; TLS as soon as any TLS setting or an API key is given
 * (Temporal Cloud takes either an mTLS client certificate or an API key, always over TLS). The
 * files are read once, at start, so a wrong path stops the process with the variable's name.
 */
export function temporalConnectionOptions(settings: TemporalConnectionSettings): TemporalConnectionOptions {
  const { TEMPORAL_TLS_CERT_PATH: certPath, TEMPORAL_TLS_KEY_PATH: keyPath } = settings;
  if (Boolean(certPath) !== Boolean(keyPath)) {
    throw new ConfigError(
      'Invalid configuration:\n  TEMPORAL_TLS_CERT_PATH, TEMPORAL_TLS_KEY_PATH: set both (a client certificate and its key) or neither',
    );
  }
  const options: TemporalConnectionOptions = { address: settings.TEMPORAL_ADDRESS };
  const wantsTls =
    certPath !== undefined ||
    settings.TEMPORAL_API_KEY !== undefined ||
    settings.TEMPORAL_TLS_SERVER_NAME !== undefined ||
    settings.TEMPORAL_TLS_CA_PATH !== undefined;
  if (!wantsTls) return options;
  options.tls = {
    ...(settings.TEMPORAL_TLS_SERVER_NAME ? { serverNameOverride: settings.TEMPORAL_TLS_SERVER_NAME } : {}),
    ...(settings.TEMPORAL_TLS_CA_PATH
      ? { serverRootCACertificate: readPem('TEMPORAL_TLS_CA_PATH', settings.TEMPORAL_TLS_CA_PATH) }
      : {}),
    ...(certPath && keyPath
      ? { clientCertPair: { crt: readPem('TEMPORAL_TLS_CERT_PATH', certPath), key: readPem('TEMPORAL_TLS_KEY_PATH', keyPath) } }
      : {}),
  };
  if (settings.TEMPORAL_API_KEY) {
    options.apiKey = settings.TEMPORAL_API_KEY;
    // Temporal Cloud routes an API-key call arriving at a regional endpoint by this header.
    options.metadata = { 'temporal-namespace': settings.TEMPORAL_NAMESPACE };
  }
  return options;
}

/** For log lines: how the connection is secured, never the secrets. */
export function describeTemporalConnection(options: TemporalConnectionOptions): string {
  if (!options.tls) return 'plaintext';
  const parts = ['tls'];
  if (options.tls.clientCertPair) parts.push('client certificate');
  if (options.apiKey) parts.push('api key');
  return parts.join(' + ');
}
