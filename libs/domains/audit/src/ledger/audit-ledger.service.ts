import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AppConfig } from '@platform/config';
import { GroupCommit, TransactionRunner, type Tx } from '@platform/database';
import { AuditLedgerError } from '../audit-ledger.errors.js';
import { AuditError } from '../audit.errors.js';
import { canonicalJsonBytes } from '../canonical/canonical-json.encoder.js';
import { AuditSubjectKeyRepository } from '../erasure/audit-subject-key.repository.js';
import { PayloadCipher, type SubjectRef } from '../erasure/payload.cipher.js';
import { AuditEntryRepository } from './audit-entry.repository.js';
import { AUDIT_ACTOR_TYPES, type AuditEvent, type RecordedAuditEntry } from './audit-event.types.js';
import { PAYLOAD_SALT_SIZE, saltedPayloadHash } from './audit-leaf.codec.js';
import { AuditLogRepository, type AuditLogRef } from './audit-log.repository.js';
import type { StoredSubjectKey } from '../erasure/audit-subject-key.repository.js';

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

/** An event's canonical payload, with its salt and salted hash: what is sealed and committed to. */
interface EncodedEvent {
  readonly payloadBytes: Uint8Array;
  readonly salt: Buffer;
  readonly payloadHash: Uint8Array;
}

/** The canonical payload of an event, checked, with its salt and salted hash. */
function encodeEvent(event: AuditEvent): EncodedEvent {
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
  return { payloadBytes, salt, payloadHash: saltedPayloadHash(salt, payloadBytes) };
}

/** How often recordMany reads the keys afresh when an erasure deletes a key between its read and the insert. */
const RECORD_MANY_ATTEMPTS = 3;

/** How long a subject's key, once read, is reused for further entries about the subject (see record). */
const SUBJECT_KEY_CACHE_MS = 60_000;
const SUBJECT_KEY_CACHE_LIMIT = 10_000;

const subjectCacheKey = (s: SubjectRef): string => `${s.tenantId}\u0000${s.subjectType}\u0000${s.subjectId}`;

/** Most events one group commit of append() writes, and how many of a tenant's group commits run at once. */
const APPEND_MAX_BATCH = 1_000;
const APPEND_MAX_IN_FLIGHT = 2;

/**
 * The one way a domain writes to the audit ledger. record() runs inside the caller's transaction, so the change and
 * its entry commit together or not at all; the sequencer (in the worker) later gives the committed entry its index
 * in the tenant's Merkle log. An event that describes no change of the caller's own (a failed sign-in, say) is
 * append()ed instead: group commit of the concurrent ones, settled once durable.
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
    private readonly transactions: TransactionRunner,
  ) {}

  /** Concurrent append() calls of a tenant, encoded already, written in one transaction per flush. */
  private readonly appends = new GroupCommit<{ event: AuditEvent; encoded: EncodedEvent }, RecordedAuditEntry>({
    maxBatch: APPEND_MAX_BATCH,
    maxInFlight: APPEND_MAX_IN_FLIGHT,
    flush: async (tenantId, items) => {
      const recorded = await this.transactions.run(
        (tx) =>
          this.writeEncoded(
            tx,
            items.map((i) => i.event),
            items.map((i) => i.encoded),
          ),
        { tenantId },
      );
      return recorded.map((value) => ({ ok: true, value }));
    },
  });

  /**
   * Records an event in a transaction of its own, for events that are the whole of what happened (a failed sign-in,
   * a read): the events of a tenant that arrive while its previous write is committing go in together, one
   * transaction and one durable commit (group commit), each sealed and inserted exactly as recordMany does. Resolves
   * once the entry is committed. The event is checked and encoded before it joins a group (an invalid one is refused
   * at once and never holds back the others); a group that the database refuses is written again event by event, so
   * one event's failure fails only its own append().
   */
  async append(event: AuditEvent): Promise<RecordedAuditEntry> {
    const encoded = encodeEvent(event);
    return this.appends.submit(event.tenantId, { event, encoded });
  }

  /** One event: recordMany with one (a remembered subject key makes it one statement). */
  async record(tx: Tx, event: AuditEvent): Promise<RecordedAuditEntry> {
    const [recorded] = await this.recordMany(tx, [event]);
    return recorded;
  }

  /**
   * record() for many events in the caller's transaction, in a few statements whatever their number: every event is
   * checked before anything is written; the subjects' keys are taken from the cache or read in one statement, the
   * missing ones made in one insert; the entries go in one multi-row insert, in the order given, each sealed under its
   * subject's key and written only while that key's row still exists (as record's cached path). Entries whose key was
   * erased meanwhile are sealed again under the subject's key read afresh (a new one, as for a first entry), so an
   * entry is never stored under a key that no longer exists. Answers one RecordedAuditEntry per event, in order.
   */
  async recordMany(tx: Tx, events: readonly AuditEvent[]): Promise<RecordedAuditEntry[]> {
    return this.writeEncoded(tx, events, events.map(encodeEvent));
  }

  /** recordMany for events already checked and encoded (`encoded[i]` is `events[i]`'s). */
  private async writeEncoded(
    tx: Tx,
    events: readonly AuditEvent[],
    encoded: readonly EncodedEvent[],
  ): Promise<RecordedAuditEntry[]> {
    if (events.length === 0) return [];
    const logs = new Map<string, AuditLogRef>();
    for (const tenantId of new Set(events.map((e) => e.tenantId))) {
      const log = await this.logs.ensure(tx, tenantId, this.config.values.AUDIT_ORIGIN_PREFIX);
      if (!log) throw invalid(`tenant ${tenantId} does not exist`);
      logs.set(tenantId, log);
    }
    const subjectOf = (event: AuditEvent): SubjectRef => ({
      tenantId: event.tenantId,
      subjectType: event.subject.type,
      subjectId: event.subject.id,
    });
    const recorded: (RecordedAuditEntry | undefined)[] = events.map(() => undefined);
    let pending = events.map((_, i) => i);
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt === RECORD_MANY_ATTEMPTS) {
        throw new Error(`the subject keys of ${pending.length} audit entries were erased ${attempt} times in a row`);
      }
      const keys = await this.subjectKeysOf(
        tx,
        pending.map((i) => subjectOf(events[i])),
        attempt === 0,
      );
      const entries = pending.map((i) => {
        const event = events[i];
        const { payloadBytes, salt, payloadHash } = encoded[i];
        const key = keys.get(subjectCacheKey(subjectOf(event)));
        if (!key) throw new Error(`no subject key for audit event ${i}`);
        return {
          logId: (logs.get(event.tenantId) as AuditLogRef).id,
          actorType: event.actor.type,
          actorId: event.actor.id,
          action: event.action,
          subjectType: event.subject.type,
          subjectId: event.subject.id,
          payloadHash,
          subjectKeyId: key.id,
          payloadCiphertext: this.cipher.sealPayload(key.dataKey, salt, payloadBytes, payloadHash),
        };
      });
      const ids = await this.entries.insertManyUnderExistingKeys(tx, entries);
      const failed: number[] = [];
      ids.forEach((entryId, j) => {
        const i = pending[j];
        if (entryId === null) {
          failed.push(i);
          this.subjectKeys.delete(subjectCacheKey(subjectOf(events[i])));
        } else {
          recorded[i] = { entryId, logId: entries[j].logId, payloadHash: entries[j].payloadHash };
        }
      });
      pending = failed;
    }
    return recorded as RecordedAuditEntry[];
  }

  /**
   * The keys of the subjects given (by subjectCacheKey): remembered ones when `useCache`, the rest read in one
   * statement per tenant, those still missing made in one insert (and read again when a concurrent transaction made
   * one first). Keys read or made here are remembered for later entries.
   */
  private async subjectKeysOf(
    tx: Tx,
    subjects: readonly SubjectRef[],
    useCache: boolean,
  ): Promise<Map<string, { id: string; dataKey: Buffer }>> {
    const keys = new Map<string, { id: string; dataKey: Buffer }>();
    const wanted = new Map<string, SubjectRef>();
    for (const subject of subjects) {
      const cacheKey = subjectCacheKey(subject);
      if (keys.has(cacheKey) || wanted.has(cacheKey)) continue;
      const remembered = useCache ? this.subjectKeys.get(cacheKey) : undefined;
      if (remembered && Date.now() - remembered.at < SUBJECT_KEY_CACHE_MS) keys.set(cacheKey, remembered);
      else wanted.set(cacheKey, subject);
    }
    const byTenant = new Map<string, SubjectRef[]>();
    for (const subject of wanted.values()) {
      byTenant.set(subject.tenantId, [...(byTenant.get(subject.tenantId) ?? []), subject]);
    }
    const remember = (subject: SubjectRef, key: { id: string; dataKey: Buffer }): void => {
      const cacheKey = subjectCacheKey(subject);
      keys.set(cacheKey, key);
      if (this.subjectKeys.size >= SUBJECT_KEY_CACHE_LIMIT) this.subjectKeys.clear();
      this.subjectKeys.set(cacheKey, { ...key, at: Date.now() });
    };
    for (const [tenantId, tenantSubjects] of byTenant) {
      let missing = tenantSubjects;
      // Each round either finds or makes every missing key, or sees keys a concurrent transaction committed first.
      for (let round = 0; missing.length > 0; round += 1) {
        if (round === RECORD_MANY_ATTEMPTS) throw new Error(`audit subject keys of tenant ${tenantId} kept changing`);
        const found = await this.keys.findForSubjects(tx, tenantId, missing);
        const foundBy = new Map(
          found.map((row) => [
            subjectCacheKey({ tenantId, subjectType: row.subjectType, subjectId: row.subjectId }),
            row,
          ]),
        );
        const absent: SubjectRef[] = [];
        for (const subject of missing) {
          const row = foundBy.get(subjectCacheKey(subject));
          if (row) remember(subject, { id: row.id, dataKey: this.unwrap(subject, row) });
          else absent.push(subject);
        }
        const fresh = absent.map((subject) => ({ subject, key: this.cipher.newSubjectKey(subject) }));
        const inserted = await this.keys.insertIfAbsent(
          tx,
          tenantId,
          fresh.map(({ subject, key }) => ({
            subjectType: subject.subjectType,
            subjectId: subject.subjectId,
            masterKeyId: key.masterKeyId,
            wrappedKey: key.wrappedKey,
          })),
        );
        const insertedBy = new Map(
          inserted.map((row) => [
            subjectCacheKey({ tenantId, subjectType: row.subjectType, subjectId: row.subjectId }),
            row,
          ]),
        );
        missing = [];
        for (const { subject, key } of fresh) {
          const row = insertedBy.get(subjectCacheKey(subject));
          if (row) remember(subject, { id: row.id, dataKey: key.dataKey });
          // A concurrent transaction made the subject's key first; ON CONFLICT waited for it, so it is visible now.
          else missing.push(subject);
        }
      }
    }
    return keys;
  }

  private unwrap(subject: SubjectRef, row: StoredSubjectKey): Buffer {
    const dataKey = this.cipher.unwrapSubjectKey(subject, row.masterKeyId, row.wrappedKey);
    if (!dataKey) {
      throw new Error(
        `the audit subject key ${row.id} was wrapped by master key ${row.masterKeyId}, which AUDIT_MASTER_KEY does not hold`,
      );
    }
    return dataKey;
  }
}
