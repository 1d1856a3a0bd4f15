import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AppConfig } from '@platform/config';
import type { Tx } from '@platform/database';
import { AuditLedgerError } from '../audit-ledger.errors.js';
import { AuditError } from '../audit.errors.js';
import { canonicalJsonBytes } from '../canonical/canonical-json.encoder.js';
import { AuditSubjectKeyRepository } from '../erasure/audit-subject-key.repository.js';
import { PayloadCipher, type SubjectRef } from '../erasure/payload.cipher.js';
import { AuditEntryRepository } from './audit-entry.repository.js';
import { AUDIT_ACTOR_TYPES, type AuditEvent, type RecordedAuditEntry } from './audit-event.types.js';
import { PAYLOAD_SALT_SIZE, saltedPayloadHash } from './audit-leaf.codec.js';
import { AuditLogRepository } from './audit-log.repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ACTION = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;
const SUBJECT_TYPE = /^[a-z][a-z0-9_]*$/;
/** Payloads describe an event; documents belong in their own domain, referred to by id. */
export const MAX_AUDIT_PAYLOAD_BYTES = 64 * 1024;

function invalid(message: string): AuditLedgerError {
  return new AuditLedgerError('audit/invalid_event', 'invalid', message);
}

function assertId(value: unknown, what: string): void {
  if (typeof value !== 'string' || value.length === 0 || value.length > 200) {
    throw invalid(`${what} must be a string of 1 to 200 characters`);
  }
}

/** Checks everything the database would otherwise refuse halfway through the caller's transaction. */
function assertEvent(event: AuditEvent): void {
  if (typeof event.tenantId !== 'string' || !UUID.test(event.tenantId)) throw invalid('tenantId must be a UUID');
  if (!(AUDIT_ACTOR_TYPES as readonly string[]).includes(event.actor?.type)) {
    throw invalid(`actor.type must be one of ${AUDIT_ACTOR_TYPES.join(', ')}`);
  }
  assertId(event.actor.id, 'actor.id');
  if (typeof event.action !== 'string' || event.action.length > 100 || !ACTION.test(event.action)) {
    throw invalid('action must be dotted lower snake_case segments, e.g. identity.sign_in.succeeded');
  }
  if (
    typeof event.subject?.type !== 'string' ||
    event.subject.type.length > 60 ||
    !SUBJECT_TYPE.test(event.subject.type)
  ) {
    throw invalid('subject.type must be lower snake_case, e.g. user');
  }
  assertId(event.subject.id, 'subject.id');
  const payload: unknown = event.payload;
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw invalid('payload must be a JSON object');
  }
}

/** How long a subject's key, once read, is reused for further entries about the subject (see record). */
const SUBJECT_KEY_CACHE_MS = 60_000;
const SUBJECT_KEY_CACHE_LIMIT = 10_000;

const subjectCacheKey = (s: SubjectRef): string => `${s.tenantId}\u0000${s.subjectType}\u0000${s.subjectId}`;

/**
 * The one way a domain writes to the audit ledger. record() runs inside the caller's transaction, so the change and
 * its entry commit together or not at all; the sequencer (in the worker) later gives the committed entry its index
 * in the tenant's Merkle log.
 */
@Injectable()
export class AuditLedger {
  /**
   * Subject keys this process read or made for recent entries, for at most a minute: the next entry about the same
   * subject is sealed under the remembered key and inserted only if that key's row still exists (one statement
   * instead of a lookup and an insert). A key erased meanwhile is never used: the insert writes nothing and record()
   * takes the subject's key afresh, exactly as without the cache.
   */
  private readonly subjectKeys = new Map<string, { id: string; dataKey: Buffer; at: number }>();

  constructor(
    private readonly logs: AuditLogRepository,
    private readonly entries: AuditEntryRepository,
    private readonly keys: AuditSubjectKeyRepository,
    private readonly cipher: PayloadCipher,
    private readonly config: AppConfig,
  ) {}

  async record(tx: Tx, event: AuditEvent): Promise<RecordedAuditEntry> {
    assertEvent(event);
    let payloadBytes: Uint8Array;
    try {
      payloadBytes = canonicalJsonBytes(event.payload);
    } catch (error) {
      if (error instanceof AuditError) throw invalid(`payload: ${error.message}`);
      throw error;
    }
    if (payloadBytes.length > MAX_AUDIT_PAYLOAD_BYTES) {
      throw invalid(`payload is ${payloadBytes.length} bytes of canonical JSON; at most ${MAX_AUDIT_PAYLOAD_BYTES}`);
    }
    const salt = randomBytes(PAYLOAD_SALT_SIZE);
    const payloadHash = saltedPayloadHash(salt, payloadBytes);

    const log = await this.logs.ensure(tx, event.tenantId, this.config.values.AUDIT_ORIGIN_PREFIX);
    if (!log) throw invalid(`tenant ${event.tenantId} does not exist`);
    const subject: SubjectRef = {
      tenantId: event.tenantId,
      subjectType: event.subject.type,
      subjectId: event.subject.id,
    };
    const entry = {
      logId: log.id,
      actorType: event.actor.type,
      actorId: event.actor.id,
      action: event.action,
      subjectType: event.subject.type,
      subjectId: event.subject.id,
      payloadHash,
    };
    const cacheKey = subjectCacheKey(subject);
    const remembered = this.subjectKeys.get(cacheKey);
    if (remembered && Date.now() - remembered.at < SUBJECT_KEY_CACHE_MS) {
      // The key read for an earlier entry, used only while its row still exists (checked in the insert itself).
      const entryId = await this.entries.insertUnderExistingKey(tx, {
        ...entry,
        subjectKeyId: remembered.id,
        payloadCiphertext: this.cipher.sealPayload(remembered.dataKey, salt, payloadBytes, payloadHash),
      });
      if (entryId !== null) return { entryId, logId: log.id, payloadHash };
    }
    this.subjectKeys.delete(cacheKey);
    const key = await this.subjectKey(tx, subject);
    const entryId = await this.entries.insert(tx, {
      ...entry,
      subjectKeyId: key.id,
      payloadCiphertext: this.cipher.sealPayload(key.dataKey, salt, payloadBytes, payloadHash),
    });
    if (this.subjectKeys.size >= SUBJECT_KEY_CACHE_LIMIT) this.subjectKeys.clear();
    this.subjectKeys.set(cacheKey, { ...key, at: Date.now() });
    return { entryId, logId: log.id, payloadHash };
  }

  /** The data subject's key, made on the subject's first entry. */
  private async subjectKey(tx: Tx, subject: SubjectRef): Promise<{ id: string; dataKey: Buffer }> {
    const existing = await this.keys.findForSubject(tx, subject.tenantId, subject.subjectType, subject.subjectId);
    if (!existing) {
      const fresh = this.cipher.newSubjectKey(subject);
      const id = await this.keys.insertIfAbsent(tx, subject.tenantId, {
        subjectType: subject.subjectType,
        subjectId: subject.subjectId,
        masterKeyId: fresh.masterKeyId,
        wrappedKey: fresh.wrappedKey,
      });
      if (id !== null) return { id, dataKey: fresh.dataKey };
      // A concurrent transaction made the subject's key first; ON CONFLICT waited for it, so it is visible now.
      return this.subjectKey(tx, subject);
    }
    const dataKey = this.cipher.unwrapSubjectKey(subject, existing.masterKeyId, existing.wrappedKey);
    if (!dataKey) {
      // A configuration fault, not bad input: the master key that wrapped this subject's key is not configured.
      throw new Error(
        `the audit subject key ${existing.id} was wrapped by master key ${existing.masterKeyId}, which AUDIT_MASTER_KEY does not hold`,
      );
    }
    return { id: existing.id, dataKey };
  }
}
