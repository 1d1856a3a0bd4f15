import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { generateWebhookSecret } from '../endpoint/webhook-secret.generator.js';
import { signWebhook } from './webhook.signer.js';

/** HMAC-SHA256 over "{id}.{timestamp}.{body}" keyed with the base64-decoded secret, computed without the library. */
function expectedSignature(secret: string, id: string, seconds: number, body: string): string {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${seconds}.${body}`).digest('base64')}`;
}

describe('signWebhook', () => {
  it('matches the example signature published with the Standard Webhooks specification', () => {
    const signature = signWebhook(
      ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'],
      'msg_p5jXN8AQM9LWM0D4loKWxJek',
      new Date(1_614_265_330_000),
      '{"test": 2432232314}',
    );
    expect(signature).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('signs "{id}.{timestamp in seconds}.{body}" with HMAC-SHA256 of the decoded secret', () => {
    const secret = generateWebhookSecret();
    const body = JSON.stringify({
      type: 'transaction.review',
      timestamp: '2026-12-01T10:00:00.000Z',
      data: { a: 'é' },
    });
    const at = new Date('2026-12-01T10:00:05.999Z');
    expect(signWebhook([secret], 'msg_abc', at, body)).toBe(
      expectedSignature(secret, 'msg_abc', Math.floor(at.getTime() / 1000), body),
    );
  });

  it('is accepted by Webhook.verify, and refused for a changed body', () => {
    const secret = generateWebhookSecret();
    const body = JSON.stringify({ type: 'transaction.blocked', timestamp: new Date().toISOString(), data: { id: 1 } });
    const now = new Date();
    const headers = {
      'webhook-id': 'msg_1',
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      'webhook-signature': signWebhook([secret], 'msg_1', now, body),
    };
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(secret).verify(body.replace('1', '2'), headers)).toThrow(/signature/i);
  });

  it('carries one signature per secret, space-separated, each verifying on its own', () => {
    const [current, previous] = [generateWebhookSecret(), generateWebhookSecret()];
    const now = new Date();
    const body = '{"type":"x.y","timestamp":"2026-01-01T00:00:00.000Z","data":{}}';
    const signature = signWebhook([current, previous], 'msg_2', now, body);
    const seconds = Math.floor(now.getTime() / 1000);
    expect(signature.split(' ')).toEqual([
      expectedSignature(current, 'msg_2', seconds, body),
      expectedSignature(previous, 'msg_2', seconds, body),
    ]);
    const headers = { 'webhook-id': 'msg_2', 'webhook-timestamp': String(seconds), 'webhook-signature': signature };
    expect(new Webhook(current).verify(body, headers)).toEqual(JSON.parse(body));
    expect(new Webhook(previous).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(generateWebhookSecret()).verify(body, headers)).toThrow(/signature/i);
  });

  it('issues secrets of 32 random bytes behind whsec_', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(secret);
  });
});
