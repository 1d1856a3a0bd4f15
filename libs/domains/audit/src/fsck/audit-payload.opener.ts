import { Injectable } from '@nestjs/common';
import { AuditSubjectKeyRepository } from '../erasure/audit-subject-key.repository.js';
import { PayloadCipher } from '../erasure/payload.cipher.js';
import type { AuditPayload } from '../ledger/audit-event.types.js';
import { PAYLOAD_SALT_SIZE, saltedPayloadHash } from '../ledger/audit-leaf.codec.js';
import { merkleHashesEqual } from '../tree/merkle-tree.hasher.js';

/** The payload columns of an entry, sealed (the normal case) or in clear with its salt (maintenance entries). */
export interface StoredPayloadFields {
  readonly payloadHash: Uint8Array;
  readonly subjectKeyId: string | null;
  readonly payloadCiphertext: Uint8Array | null;
  readonly payloadSalt: Uint8Array | null;
  readonly payloadClear: string | null;
}

/**
 * - `present`: decrypted (or read in clear) and SHA-256(salt ‖ payload) is the hash the leaf commits to;
 * - `erased`: the subject's key was deleted (crypto-shredding), as intended;
 * - `key_unusable`: the subject key exists but does not unwrap with the configured master keys (AUDIT_MASTER_KEY lacks
 *   the key that wrapped it, or the key row was altered), so the payload cannot be checked here;
 * - `tampered`: the payload does not decrypt, does not match its hash, or is not JSON.
 */
export type OpenedAuditPayload =
  | { readonly status: 'present'; readonly payload: AuditPayload; readonly salt: Uint8Array }
  | { readonly status: 'erased' }
  | { readonly status: 'key_unusable' }
  | { readonly status: 'tampered'; readonly reason: string };

/** Unwrapped subject keys by id; null when the key row exists but does not unwrap. Absent ids were erased. */
export type SubjectKeyRing = ReadonlyMap<string, Buffer | null>;

/**
 * Opens stored payloads for the database-side tools (fsck, export) with the same rules as AuditReader, and tells an
 * erased payload (its key is gone) from an altered one.
 */
@Injectable()
export class AuditPayloadOpener {
  constructor(
    private readonly keys: AuditSubjectKeyRepository,
    private readonly cipher: PayloadCipher,
  ) {}

  /** The subject keys the given entries were sealed with, unwrapped, in one read. */
  async keyRing(tenantId: string, entries: readonly StoredPayloadFields[]): Promise<SubjectKeyRing> {
    const ids = [...new Set(entries.flatMap((e) => (e.subjectKeyId === null ? [] : [e.subjectKeyId])))];
    const ring = new Map<string, Buffer | null>();
    for (const key of await this.keys.findByIds(tenantId, ids)) {
      const subject = { tenantId, subjectType: key.subjectType, subjectId: key.subjectId };
      ring.set(key.id, this.cipher.unwrapSubjectKey(subject, key.masterKeyId, key.wrappedKey) ?? null);
    }
    return ring;
  }

  open(entry: StoredPayloadFields, ring: SubjectKeyRing): OpenedAuditPayload {
    let salt: Uint8Array;
    let payloadBytes: Uint8Array;
    if (entry.payloadClear !== null && entry.payloadSalt !== null) {
      salt = entry.payloadSalt;
      payloadBytes = new TextEncoder().encode(entry.payloadClear);
    } else if (entry.subjectKeyId !== null && entry.payloadCiphertext !== null) {
      if (!ring.has(entry.subjectKeyId)) return { status: 'erased' };
      const key = ring.get(entry.subjectKeyId);
      if (!key) return { status: 'key_unusable' };
      const opened = this.cipher.openPayload(key, entry.payloadCiphertext, entry.payloadHash, PAYLOAD_SALT_SIZE);
      if (!opened) return { status: 'tampered', reason: 'the sealed payload does not decrypt under its subject key' };
      ({ salt, payloadBytes } = opened);
    } else {
      return { status: 'tampered', reason: 'the entry holds neither a sealed nor a clear payload' };
    }
    if (!merkleHashesEqual(saltedPayloadHash(salt, payloadBytes), entry.payloadHash)) {
      return { status: 'tampered', reason: 'SHA-256(salt ‖ payload) is not the payload hash the leaf commits to' };
    }
    try {
      return {
        status: 'present',
        payload: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payloadBytes)) as AuditPayload,
        salt: new Uint8Array(salt),
      };
    } catch {
      return { status: 'tampered', reason: 'the payload is not UTF-8 JSON' };
    }
  }
}
