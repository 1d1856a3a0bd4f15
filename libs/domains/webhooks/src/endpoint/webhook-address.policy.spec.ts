import { describe, expect, it } from 'vitest';
import { WebhooksError } from '../webhooks.errors.js';
import { checkWebhookUrl, isForbiddenWebhookAddress } from './webhook-address.policy.js';

const strict = { allowInsecureLocalhost: false };
const local = { allowInsecureLocalhost: true };

function refusal(url: string, options = strict): string {
  try {
    checkWebhookUrl(url, options);
  } catch (error) {
    if (error instanceof WebhooksError) return error.code;
    throw error;
  }
  return 'allowed';
}

describe('checkWebhookUrl', () => {
  it('allows public https URLs', () => {
    expect(refusal('https://hooks.example.com/verity?x=1')).toBe('allowed');
    expect(refusal('https://93.184.215.14:8443/hook')).toBe('allowed');
    expect(refusal('https://[2606:4700::1111]/hook')).toBe('allowed');
  });

  it('refuses plain http, other schemes, credentials and garbage', () => {
    for (const url of [
      'http://hooks.example.com/',
      'ftp://hooks.example.com/',
      'file:///etc/passwd',
      'https://user:secret@hooks.example.com/',
      'not a url',
    ]) {
      expect(refusal(url), url).toBe('webhooks/url_not_allowed');
    }
  });

  it('refuses loopback, private, link-local, metadata and reserved addresses, in every spelling', () => {
    for (const url of [
      'https://10.1.2.3/',
      'https://172.20.0.1/',
      'https://192.168.0.10/',
      'https://169.254.169.254/latest/meta-data/',
      'https://100.64.0.1/',
      'https://0.0.0.0/',
      'https://127.0.0.2/',
      'https://2130706433/', // 127.0.0.1 as one number
      'https://0x7f.1/', // 127.0.0.1 in hex
      'https://[::ffff:127.0.0.1]/',
      'https://[fd00:ec2::254]/',
      'https://[fe80::1]/',
      'https://224.0.0.1/',
      'https://intranet/',
      'https://printer.local/',
    ]) {
      expect(refusal(url), url).toBe('webhooks/url_not_allowed');
    }
  });

  it('allows the local loopback, plain http included, only when configured to', () => {
    for (const url of ['http://127.0.0.1:8080/hook', 'http://localhost/hook', 'https://[::1]:9000/']) {
      expect(refusal(url, strict), url).toBe('webhooks/url_not_allowed');
      expect(refusal(url, local), url).toBe('allowed');
    }
    expect(refusal('http://127.0.0.2/', local)).toBe('webhooks/url_not_allowed');
    expect(refusal('http://10.0.0.1/', local)).toBe('webhooks/url_not_allowed');
  });
});

describe('isForbiddenWebhookAddress', () => {
  it('tells public addresses from the others', () => {
    expect(isForbiddenWebhookAddress('8.8.8.8')).toBe(false);
    expect(isForbiddenWebhookAddress('2001:4860:4860::8888')).toBe(false);
    expect(isForbiddenWebhookAddress('127.0.0.1')).toBe(true);
    expect(isForbiddenWebhookAddress('::1')).toBe(true);
    expect(isForbiddenWebhookAddress('fc00::5')).toBe(true);
    expect(isForbiddenWebhookAddress('not-an-address')).toBe(true);
  });
});
