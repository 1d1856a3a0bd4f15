import { createHash } from 'node:crypto';
import { decodeBase64, encodeBase64 } from '../canonical/base64.codec.js';
import { canonicalJson, canonicalJsonBytes } from '../canonical/canonical-json.encoder.js';
import { AUDIT_ACTOR_TYPES, type AuditActor, type AuditSubject } from './audit-event.types.js';

/** Version of the leaf format below; a verifier refuses leaves of a version it does not know. */
export const AUDIT_LEAF_VERSION = 1;
/** Bytes of random salt mixed into the payload hash, so an erased payload cannot be found again by guessing. */
export const PAYLOAD_SALT_SIZE = 32;

/** What a leaf commits to: every non-personal field of an entry, and the salted hash of its payload. */
export interface AuditLeafFields {
  /** Database time of the recording transaction, RFC 3339 in UTC with microseconds: `2026-01-31T09:15:02.123456Z`. */
  readonly recordedAt: string;
  readonly actor: AuditActor;
  readonly action: string;
  readonly subject: AuditSubject;
  /** SHA-256(salt ‖ canonical JSON of the payload). */
  readonly payloadHash: Uint8Array;
}

const RECORDED_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/**
 * The exact bytes an entry's leaf hash is computed from (leaf hash = SHA-256(0x00 ‖ these bytes), RFC 6962): the
 * UTF-8 RFC 8785 canonical JSON of
 * `{"action","actor":{"id","type"},"payloadHash":<base64>,"recordedAt","subject":{"id","type"},"v":1}`.
 * Canonical JSON sorts the members, so anyone can rebuild these bytes from the decoded fields.
 */
export function auditLeafBytes(fields: AuditLeafFields): Uint8Array {
  return canonicalJsonBytes(leafObject(fields));
}

function leafObject(fields: AuditLeafFields): Record<string, unknown> {
  return {
    v: AUDIT_LEAF_VERSION,
    recordedAt: fields.recordedAt,
    actor: { type: fields.actor.type, id: fields.actor.id },
    action: fields.action,
    subject: { type: fields.subject.type, id: fields.subject.id },
    payloadHash: encodeBase64(fields.payloadHash),
  };
}

/** SHA-256(salt ‖ payload bytes): what a leaf holds instead of the payload. */
export function saltedPayloadHash(salt: Uint8Array, payloadBytes: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(salt).update(payloadBytes).digest());
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

function isPair(value: unknown): value is { type: string; id: string } {
  if (typeof value !== 'object' || value === null) return false;
  const pair = value as Record<string, unknown>;
  return Object.keys(pair).length === 2 && isText(pair.type) && isText(pair.id);
}

/**
 * Reads leaf bytes back into fields, for verifiers that hold only the leaf. Returns undefined unless the bytes are
 * exactly what auditLeafBytes would write for those fields (same members, canonical spelling, known version).
 */
export function decodeAuditLeaf(bytes: Uint8Array): AuditLeafFields | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const leaf = parsed as Record<string, unknown>;
  if (leaf.v !== AUDIT_LEAF_VERSION || !isText(leaf.recordedAt) || !RECORDED_AT.test(leaf.recordedAt)) return undefined;
  if (!isText(leaf.action) || !isPair(leaf.actor) || !isPair(leaf.subject) || !isText(leaf.payloadHash)) {
    return undefined;
  }
  if (!(AUDIT_ACTOR_TYPES as readonly string[]).includes(leaf.actor.type)) return undefined;
  const payloadHash = decodeBase64(leaf.payloadHash);
  if (payloadHash === undefined || payloadHash.length !== 32) return undefined;
  const fields: AuditLeafFields = {
    recordedAt: leaf.recordedAt,
    actor: leaf.actor as AuditActor,
    action: leaf.action,
    subject: leaf.subject,
    payloadHash,
  };
  return canonicalJson(leafObject(fields)) === new TextDecoder().decode(bytes) ? fields : undefined;
}
