import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, redactConfig } from './config.loader.js';
import { renderEnvExample } from './env-example.writer.js';
import { configVariables } from './config.schema.js';

describe('loadConfig', () => {
  it('applies defaults for a laptop', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.SEED_DEMO).toBe(true);
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('lists every bad or missing variable in one error, without echoing secrets', () => {
    let error: unknown;
    try {
      loadConfig({
        NODE_ENV: 'production',
        PORT: 'eighty',
        REDIS_URL: 'http://secret-host:6379',
        SEED_DEMO: 'maybe',
        LOG_LEVEL: 'loud',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('PORT');
    expect(message).toContain('SEED_DEMO');
    expect(message).toContain('LOG_LEVEL');
    expect(message).toContain('REDIS_URL');
    expect(message).toContain('DATABASE_URL is required in production');
    expect(message).toContain('AUDIT_MASTER_KEY is required in production');
    expect(message).not.toContain('secret-host');
    expect((error as ConfigError).problems).toHaveLength(6);
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: ' ' }).PORT).toBe(3000);
  });

  it('redacts secrets for logging', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u:hunter2@db:5432/v' });
    const shown = JSON.stringify(redactConfig(config));
    expect(shown).not.toContain('hunter2');
    expect(shown).toContain('[secret]');
  });
});

describe('renderEnvExample', () => {
  it('documents every variable of the schema', () => {
    const text = renderEnvExample();
    for (const name of Object.keys(configVariables)) {
      expect(text).toContain(`# ${name}=`);
    }
    expect(text).toContain('[secret: never logged]');
  });
});
