import { createHash } from 'node:crypto';
import { runInThisContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { fixtureTimeStampToken } from './evidence-pack.fixture.js';
import { decodeTimeStampToken, type TimeStampTokenContents } from './timestamp-token.decoder.js';
import { verifyPageScript } from './verify-page.renderer.js';

// A real token from `openssl ts -reply -token_out` (a throwaway TSA, SHA-256, with its certificate and a nonce), over
// the bytes of NOTE. `openssl ts -verify -data note.txt -in token.tsr -token_in -CAfile tsa.crt` said OK.
const NOTE = 'origin\n1\nAAAA\n\n';
const OPENSSL_TOKEN = Buffer.from(
  [
    'MIIFrQYJKoZIhvcNAQcCoIIFnjCCBZoCAQMxDzANBglghkgBZQMEAgEFADBzBgsqhkiG9w0BCRABBKBkBGIwYAIBAQYEKgMEATAx',
    'MA0GCWCGSAFlAwQCAQUABCC2od5feAZp6l/uDs5Ho7UsmtZ9VBL991ML7JHd1XfgFgIBAhgPMjAyNjExMjMxOTIzNDJaMAMCAQEC',
    'CQDsWcNipg8qFqCCAwwwggMIMIIB8KADAgECAhQjxcuoVvhzRRk1ODAR1N6vgGbrDTANBgkqhkiG9w0BAQsFADATMREwDwYDVQQD',
    'DAhUZXN0IFRTQTAeFw0yNjExMjMxOTIzNDJaFw0yNjExMjUxOTIzNDJaMBMxETAPBgNVBAMMCFRlc3QgVFNBMIIBIjANBgkqhkiG',
    '9w0BAQEFAAOCAQ8AMIIBCgKCAQEA7wdZdnltf1MzVybB7+zLQAUGGHp3ZjLEvdLac+V3IsmWOgWEJb+A35TJkwQvGBan2YcwY7tt',
    'k3kwUm4upXP6ZobF6QLao1IzK9+jkbMoZ58/0A3WialxxrnKLiJEEgnKkKhL44UFPOD3xVuETmKDmJ9YFzKdGcmIX5o5FJJvrY2o',
    'KSH/hAE9gUGKmIzjQieYmJWkTeaFpj7aBEISkC3CtLcG6X3+iIqLI6j2BQ6OqpxeYYnHdgFvjhyKzKTwaADVPPZe/GqXmJp0Btze',
    'xtcjV7apKEvFGI/DnwAqkuLxZ1Ub9g823WJ0DTMG6KuWghiwQgoM0G5GPXSEiGvF/MCTGQIDAQABo1QwUjAJBgNVHRMEAjAAMA4G',
    'A1UdDwEB/wQEAwIHgDAWBgNVHSUBAf8EDDAKBggrBgEFBQcDCDAdBgNVHQ4EFgQUpl/i5GZX5/42b3+SkOOQWhZ0XX8wDQYJKoZI',
    'hvcNAQELBQADggEBAGErrv9g+LepAMfkJGLeChTbo13/Mb21e2wGLLxBdiSuusG8D7oTgw8SOWF0dn6N7fkYDl2Sj+xOevHNbvCM',
    'yoElDYTaH1LayyUkEEFTVOn1mq4Rw7Fdlx0CpPH19WCPn1HTzbyVz6l7ETRXWFFGY14ylKvypjdMYQhYbHvmO7YR8etSBN9t2hUK',
    'CGOCHgScrmjWhfeMLqmqrRpuFcQLvlXhKCDeU9s9cjsIzyrkxkJjQEBSK93P9TMb0K6wUaBOhmqWLXxtSku6XwwHRLUDlaxNfkgs',
    'V3QZb3nNEz+xN05eNhR+80j7MIkiYpS5EskQm+AgdDn2anlOUzGe9UFsB5cxggH9MIIB+QIBATArMBMxETAPBgNVBAMMCFRlc3Qg',
    'VFNBAhQjxcuoVvhzRRk1ODAR1N6vgGbrDTANBglghkgBZQMEAgEFAKCBpDAaBgkqhkiG9w0BCQMxDQYLKoZIhvcNAQkQAQQwHAYJ',
    'KoZIhvcNAQkFMQ8XDTI2MTEyMzE5MjM0MlowLwYJKoZIhvcNAQkEMSIEIC0EQplmf/5DFWR23PGgUn3sdBcKsyE+20hgJDjaWDPU',
    'MDcGCyqGSIb3DQEJEAIvMSgwJjAkMCIEIJ0T7SWMniIKKa8RisdQ7HNQ5KmdkGeFLIuiZD5lNeHOMA0GCSqGSIb3DQEBAQUABIIB',
    'AHkjv4FaWdBhslwRICZIdWnpvmqD5WF95o1NEO3qxlFRofOgrgAqCCIf8TzqpqaM4Q3fasKjJ4weKpm7zliFPnNsoIExZ4n/retq',
    'HhGuTwn3DK0DcpD2JhYiGgA/dJK68EZkbcSvPbMp7tGNeEYv/ru6GmrX3sjP5R9K7vYg4y3m6qFRu7ZLI1n4V0oykCKdheWaGFiH',
    '8PciwmblyQ05zV2BH8bxaE4LyHI9pnw2a5sMpRlychR6s8i3RnJ4tFPNW8/pnlIG8JKzmS1c51gj+TFgoLAUsVhegefCrDx4HLJS',
    'dMiGuUxGDj9SQRQq5wYDNq03twdadT84CQ7z8NJzvXw=',
  ].join(''),
  'base64',
);

const decodeInPage = runInThisContext(`(function () {\n${verifyPageScript()}\nreturn decodeTimeStampToken;\n})()`) as (
  token: Uint8Array,
) => TimeStampTokenContents | undefined;

describe.each([
  ['the Node decoder', decodeTimeStampToken],
  ['the verify.html script', decodeInPage],
] as const)('RFC 3161 token reading by %s', (_, decode) => {
  it('finds the SHA-256 message imprint and the time of an OpenSSL token', () => {
    const contents = decode(new Uint8Array(OPENSSL_TOKEN));

    expect(contents?.sha256).toBe(true);
    expect(Buffer.from(contents?.imprint ?? []).toString('hex')).toBe(createHash('sha256').update(NOTE).digest('hex'));
    expect(contents?.time).toBe('2026-11-23T19:23:42Z');
  });

  it('reads the hand-built tokens of the fixture the same way', () => {
    const imprint = new Uint8Array(32).fill(7);
    expect(decode(fixtureTimeStampToken(imprint, '20260131091502.25Z'))).toEqual({
      sha256: true,
      imprint,
      time: '2026-01-31T09:15:02.25Z',
    });
  });

  it.each([
    ['nothing', new Uint8Array()],
    ['a truncated token', new Uint8Array(OPENSSL_TOKEN.subarray(0, OPENSSL_TOKEN.length - 1))],
    ['trailing bytes', Uint8Array.of(...OPENSSL_TOKEN, 0)],
    ['another CMS content type', Uint8Array.from(OPENSSL_TOKEN).map((byte, i) => (i === 14 ? byte ^ 1 : byte))],
    ['a DER length beyond the data', Uint8Array.of(0x30, 0x84, 0xff, 0xff, 0xff, 0xff)],
  ])('refuses %s', (_case, token) => {
    expect(decode(token)).toBeUndefined();
  });
});
