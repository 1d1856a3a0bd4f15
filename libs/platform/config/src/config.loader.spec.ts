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
    expect(message).toContain('MFA_ENCRYPTION_KEY is required in production');
    expect(message).not.toContain('secret-host');
    expect((error as ConfigError).problems).toHaveLength(7);
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

describe('OIDC sign-in configuration', () => {
  const oidc = {
    OIDC_ISSUER: 'https://login.example.com/realms/verity',
    OIDC_CLIENT_ID: 'verity',
    OIDC_CLIENT_SECRET: 'a-client-secret-of-the-provider',
    OIDC_TENANT: 'demo',
  };
  const problemsOf = (env: Record<string, string>): readonly string[] => {
    try {
      loadConfig(env);
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
    return [];
  };

  it('is off when nothing is set, and complete with the four required variables', () => {
    expect(loadConfig({}).OIDC_ISSUER).toBeUndefined();
    const config = loadConfig(oidc);
    expect(config.OIDC_SCOPES).toBe('openid email profile');
    expect(config.OIDC_REDIRECT_URL).toBeUndefined();
  });

  it('refuses a half configuration, naming what is missing', () => {
    const problems = problemsOf({ OIDC_ISSUER: oidc.OIDC_ISSUER, OIDC_DISPLAY_NAME: 'Acme SSO' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_TENANT are required');
    expect(problemsOf({ OIDC_SCOPES: 'openid email' })[0]).toContain('OIDC_ISSUER');
  });

  it('refuses plain http in production, scopes without openid or email, a foreign redirect path and a bad slug', () => {
    const production = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://u@db/v',
      AUDIT_MASTER_KEY: 'A'.repeat(43) + '=',
    };
    const inProduction = problemsOf({ ...production, ...oidc, OIDC_ISSUER: 'http://login.example.com' });
    expect(inProduction).toContain('OIDC_ISSUER must use https:// in production');
    expect(problemsOf({ ...production, ...oidc }).filter((p) => p.startsWith('OIDC'))).toEqual([
      'OIDC_REDIRECT_URL (or an https:// PUBLIC_URL it defaults from) is required in production',
    ]);
    const behindHttps = { ...production, ...oidc, PUBLIC_URL: 'https://verity.example.com' };
    expect(problemsOf(behindHttps).filter((p) => p.startsWith('OIDC'))).toEqual([]);
    expect(problemsOf({ ...oidc, OIDC_ISSUER: 'http://127.0.0.1:4000' })).toEqual([]);
    expect(problemsOf({ ...oidc, OIDC_SCOPES: 'openid profile' })[0]).toContain('must include openid and email');
    expect(problemsOf({ ...oidc, OIDC_REDIRECT_URL: 'https://verity.example.com/elsewhere' })[0]).toContain(
      'must end in /v1/auth/oidc/callback',
    );
    expect(problemsOf({ ...oidc, OIDC_TENANT: 'Not A Slug' })[0]).toContain('OIDC_TENANT');
  });

  it('never echoes the client secret', () => {
    const problems = problemsOf({ ...oidc, OIDC_CLIENT_SECRET: 'short-secret' });
    expect(problems.join('\n')).toContain('OIDC_CLIENT_SECRET');
    expect(problems.join('\n')).not.toContain('short-secret');
  });
});
