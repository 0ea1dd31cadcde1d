import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadEnv } from './config.js';

describe('loadEnv', () => {
  it('applies the defaults of the README configuration table', () => {
    const config = loadEnv(['PORT', 'SESSION_TTL_SECONDS', 'CORS_ORIGINS', 'TRUST_PROXY', 'RATE_LIMIT_PER_MINUTE'], {});
    expect(config).toEqual({
      PORT: 3000,
      SESSION_TTL_SECONDS: 7200,
      CORS_ORIGINS: ['http://localhost:3000', 'http://127.0.0.1:3000'],
      TRUST_PROXY: false,
      RATE_LIMIT_PER_MINUTE: 600,
    });
  });

  it('treats empty values as unset and parses lists and proxy settings', () => {
    const config = loadEnv(['PORT', 'CORS_ORIGINS', 'TRUST_PROXY'], {
      PORT: '',
      CORS_ORIGINS: 'https://a.example, https://b.example',
      TRUST_PROXY: '2',
    });
    expect(config).toEqual({ PORT: 3000, CORS_ORIGINS: ['https://a.example', 'https://b.example'], TRUST_PROXY: 2 });
  });

  it('names every bad variable', () => {
    expect(() => loadEnv(['PORT', 'MONGO_URL', 'ADMIN_TOKEN'], { PORT: 'abc', MONGO_URL: 'http://x', ADMIN_TOKEN: 'short' })).toThrow(
      ConfigError,
    );
    try {
      loadEnv(['PORT', 'MONGO_URL', 'ADMIN_TOKEN'], { PORT: 'abc', MONGO_URL: 'http://x', ADMIN_TOKEN: 'short' });
    } catch (err) {
      const message = (err as Error).message;
      expect(message).toContain('PORT');
      expect(message).toContain('MONGO_URL');
      expect(message).toContain('ADMIN_TOKEN');
    }
  });
});
