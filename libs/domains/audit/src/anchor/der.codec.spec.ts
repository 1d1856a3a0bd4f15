import { describe, expect, it } from 'vitest';

import { AuditError } from '../audit.errors.js';
import {
  decodeDer,
  decodeDerGeneralizedTime,
  decodeDerInteger,
  decodeDerObjectIdentifier,
  derChildren,
  derElement,
  derInteger,
  derObjectIdentifier,
  derOctetString,
  derSequence,
  DER,
} from './der.codec.js';

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return error instanceof AuditError ? error.code : `unexpected ${String(error)}`;
  }
  return undefined;
}

describe('DER codec', () => {
  it('encodes INTEGERs in two’s complement with the fewest bytes (X.690 §8.3) and reads them back', () => {
    const cases: [bigint, string][] = [
      [0n, '020100'],
      [127n, '02017f'],
      [128n, '02020080'],
      [256n, '02020100'],
      [-1n, '0201ff'],
      [-129n, '0202ff7f'],
      [0xfeedface12345678n, '020900feedface12345678'],
    ];
    for (const [value, encoded] of cases) {
      expect(hex(derInteger(value))).toBe(encoded);
      expect(decodeDerInteger(decodeDer(derInteger(value)))).toBe(value);
    }
    expect(codeOf(() => decodeDerInteger(decodeDer(Buffer.from('0202007f', 'hex'))))).toBe(
      'audit/anchor_der_malformed',
    );
  });

  it('encodes the SHA-256 and id-ct-TSTInfo object identifiers as RFC 5754 and RFC 3161 print them', () => {
    expect(hex(derObjectIdentifier('2.16.840.1.101.3.4.2.1'))).toBe('0609608648016503040201');
    expect(hex(derObjectIdentifier('1.2.840.113549.1.9.16.1.4'))).toBe('060b2a864886f70d0109100104');
    expect(decodeDerObjectIdentifier(decodeDer(derObjectIdentifier('1.2.840.113549.1.7.2')))).toBe(
      '1.2.840.113549.1.7.2',
    );
  });

  it('uses the long length form from 128 bytes and walks nested structures', () => {
    const long = derOctetString(new Uint8Array(300));
    expect(hex(long.subarray(0, 4))).toBe('0482012c');
    const sequence = decodeDer(derSequence(derInteger(1n), long), DER.SEQUENCE);
    expect(derChildren(sequence).map(({ tag }) => tag)).toEqual([DER.INTEGER, DER.OCTET_STRING]);
  });

  it('refuses indefinite and non-minimal lengths, truncation and trailing bytes', () => {
    const bad = ['3080', '04810100', '0405aabb', '020100ff', '1f0100'];
    for (const input of bad)
      expect(codeOf(() => decodeDer(Buffer.from(input, 'hex')))).toBe('audit/anchor_der_malformed');
  });

  it('reads GeneralizedTime in UTC with an optional fraction', () => {
    const time = (text: string) =>
      decodeDerGeneralizedTime(decodeDer(derElement(DER.GENERALIZED_TIME, Buffer.from(text))));
    expect(time('20261123192330Z').toISOString()).toBe('2026-11-23T19:23:30.000Z');
    expect(time('20261123192330.25Z').toISOString()).toBe('2026-11-23T19:23:30.250Z');
    expect(codeOf(() => time('20261123192330+0100'))).toBe('audit/anchor_der_malformed');
  });
});
