import { describe, expect, it } from 'vitest';
import { ConfigError, configFromEnv } from './config.js';

describe('configFromEnv', () => {
  it('keeps a TRUST_PROXY it can read, and stops the start on one it cannot, saying why', () => {
    expect(configFromEnv({ TRUST_PROXY: ' loopback, 10.0.0.2 ' }).trustProxy).toBe('loopback, 10.0.0.2');
    expect(configFromEnv({}).trustProxy).toBeUndefined();
    expect(() => configFromEnv({ TRUST_PROXY: 'true' })).toThrow(ConfigError);
    expect(() => configFromEnv({ TRUST_PROXY: 'proxy.example' })).toThrow(/TRUST_PROXY must list/);
  });

  it('reads SCHEDULE_EMBED_ORIGINS as origins, and refuses what is not one', () => {
    expect(configFromEnv({}).scheduleEmbedOrigins).toEqual([]);
    expect(configFromEnv({ SCHEDULE_EMBED_ORIGINS: 'https://events.example.org/, https://*.example.net:8443 http://localhost:4000' }).scheduleEmbedOrigins).toEqual([
      'https://events.example.org',
      'https://*.example.net:8443',
      'http://localhost:4000',
    ]);
    expect(configFromEnv({ SCHEDULE_EMBED_ORIGINS: '*' }).scheduleEmbedOrigins).toEqual(['*']);
    for (const bad of ["'self'; script-src *", 'https://example.org/schedule', 'javascript:alert(1)', "'none'"]) {
      expect(() => configFromEnv({ SCHEDULE_EMBED_ORIGINS: bad }), bad).toThrow(ConfigError);
    }
  });

  it('refuses a PORT that is not a port', () => {
    expect(() => configFromEnv({ PORT: '70000' })).toThrow(/PORT must be a port number/);
  });
});
