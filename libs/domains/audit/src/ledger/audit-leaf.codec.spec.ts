import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashLeaf } from '../tree/merkle-tree.hasher.js';
import { auditLeafBytes, decodeAuditLeaf, saltedPayloadHash, type AuditLeafFields } from './audit-leaf.codec.js';

const payloadHash = new Uint8Array(createHash('sha256').update('payload').digest());
const fields: AuditLeafFields = {
  recordedAt: '2026-01-31T09:15:02.123456Z',
  actor: { type: 'user', id: 'u-1' },
  action: 'identity.sign_in.succeeded',
  subject: { type: 'user', id: 'u-1' },
  payloadHash,
};

describe('audit leaf bytes', () => {
  it('are the RFC 8785 canonical JSON of the non-personal fields and the salted payload hash, byte for byte', () => {
    const text = new TextDecoder().decode(auditLeafBytes(fields));
    expect(text).toBe(
      '{"action":"identity.sign_in.succeeded","actor":{"id":"u-1","type":"user"},' +
        `"payloadHash":"${Buffer.from(payloadHash).toString('base64')}",` +
        '"recordedAt":"2026-01-31T09:15:02.123456Z","subject":{"id":"u-1","type":"user"},"v":1}',
    );
    // The leaf hash is RFC 6962's: SHA-256(0x00 ‖ leaf bytes).
    const expected = createHash('sha256').update(Uint8Array.of(0)).update(text).digest('hex');
    expect(Buffer.from(hashLeaf(auditLeafBytes(fields))).toString('hex')).toBe(expected);
  });

  it('never contain the payload, only SHA-256(salt ‖ payload)', () => {
    const salt = new Uint8Array(32).fill(7);
    const payload = new TextEncoder().encode('{"email":"ada@example.com"}');
    const hash = saltedPayloadHash(salt, payload);
    expect(Buffer.from(hash).toString('hex')).toBe(createHash('sha256').update(salt).update(payload).digest('hex'));
    const text = new TextDecoder().decode(auditLeafBytes({ ...fields, payloadHash: hash }));
    expect(text).not.toContain('ada@example.com');
    // Another salt gives another hash, so an erased payload cannot be confirmed by hashing a guess.
    expect(Buffer.from(saltedPayloadHash(new Uint8Array(32), payload)).equals(Buffer.from(hash))).toBe(false);
  });

  it('decode back to the same fields, and only when they are exactly what the encoder writes', () => {
    const bytes = auditLeafBytes(fields);
    const decoded = decodeAuditLeaf(bytes);
    expect(decoded).toBeDefined();
    expect(auditLeafBytes(decoded as AuditLeafFields)).toEqual(bytes);

    const text = new TextDecoder().decode(bytes);
    const spaced = text.replace('"v":1', '"v": 1');
    const extra = text.replace('"v":1', '"v":1,"z":0');
    const future = text.replace('"v":1', '"v":2');
    const badTime = text.replace('.123456Z', 'Z');
    const badActor = text.replace('"type":"user"}', '"type":"robot"}');
    for (const variant of [spaced, extra, future, badTime, badActor, 'not json', '[]']) {
      expect(decodeAuditLeaf(new TextEncoder().encode(variant)), variant).toBeUndefined();
    }
  });
});
