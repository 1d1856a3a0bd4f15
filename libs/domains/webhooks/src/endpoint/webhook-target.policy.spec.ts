import { describe, expect, it } from 'vitest';
import { AppConfig, loadConfig } from '@platform/config';
import { WebhookHostResolver } from './webhook-host.resolver.js';
import { WebhookTargetPolicy } from './webhook-target.policy.js';

class FakeResolver extends WebhookHostResolver {
  constructor(private readonly answers: Record<string, string[]>) {
    super();
  }

  override resolve(host: string): Promise<string[]> {
    const found = this.answers[host];
    return found ? Promise.resolve(found) : Promise.reject(new Error(`getaddrinfo ENOTFOUND ${host}`));
  }
}

function policy(env: Record<string, string>, answers: Record<string, string[]> = {}): WebhookTargetPolicy {
  return new WebhookTargetPolicy(new AppConfig(loadConfig(env)), new FakeResolver(answers));
}

describe('WebhookTargetPolicy', () => {
  const answers = {
    'hooks.example.com': ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'],
    'sneaky.example.com': ['93.184.215.14', '10.0.0.7'],
    'metadata.example.com': ['169.254.169.254'],
  };

  it('accepts a host name whose every address is public', async () => {
    await expect(policy({ NODE_ENV: 'test' }, answers).check('https://hooks.example.com/a')).resolves.toEqual(
      new URL('https://hooks.example.com/a'),
    );
  });

  it('refuses a host name with any non-public address, or none', async () => {
    const p = policy({ NODE_ENV: 'test' }, answers);
    await expect(p.check('https://sneaky.example.com/')).rejects.toMatchObject({ code: 'webhooks/url_not_allowed' });
    await expect(p.check('https://metadata.example.com/')).rejects.toMatchObject({ code: 'webhooks/url_not_allowed' });
    await expect(p.check('https://nowhere.example.com/')).rejects.toMatchObject({ code: 'webhooks/url_not_allowed' });
  });

  it('allows the local loopback by default outside production only, unless configured', async () => {
    await expect(policy({ NODE_ENV: 'test' }).check('http://127.0.0.1:1/')).resolves.toBeInstanceOf(URL);
    await expect(
      policy({ NODE_ENV: 'test', WEBHOOKS_ALLOW_INSECURE_LOCALHOST: 'false' }).check('http://127.0.0.1:1/'),
    ).rejects.toMatchObject({ code: 'webhooks/url_not_allowed' });
    const key = Buffer.alloc(32, 7).toString('base64');
    const production = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://u@db/x',
      AUDIT_MASTER_KEY: key,
      MFA_ENCRYPTION_KEY: key,
    };
    expect(policy(production).allowInsecureLocalhost).toBe(false);
    expect(policy({ ...production, WEBHOOKS_ALLOW_INSECURE_LOCALHOST: 'true' }).allowInsecureLocalhost).toBe(true);
  });
});
