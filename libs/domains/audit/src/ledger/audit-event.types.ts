/** Who did it: a signed-in user, an API key of an integration, or the system itself (jobs, the database). */
export const AUDIT_ACTOR_TYPES = ['user', 'key', 'system'] as const;
export type AuditActorType = (typeof AUDIT_ACTOR_TYPES)[number];

export interface AuditActor {
  readonly type: AuditActorType;
  /** The user id, key id, or the name of the system component (`sign-in`, `sequencer`). */
  readonly id: string;
}

/** What the event is about; also the data subject whose key encrypts the payload. */
export interface AuditSubject {
  /** snake_case aggregate name: `user`, `tenant`, `customer`, `case`. */
  readonly type: string;
  readonly id: string;
}

/** Any value JSON can hold; canonicalised with RFC 8785 before it is hashed. */
export type AuditPayload = null | boolean | number | string | readonly AuditPayload[] | { [key: string]: AuditPayload };

/** One thing that happened, as a domain hands it to AuditLedger.record(). */
export interface AuditEvent {
  readonly tenantId: string;
  readonly actor: AuditActor;
  /** `<domain>.<noun>.<verb in the past>`, lower snake_case segments: `identity.sign_in.succeeded`. */
  readonly action: string;
  readonly subject: AuditSubject;
  /**
   * Details of the event. It may hold personal data: it is stored encrypted with the subject's key, and only its
   * salted hash enters the Merkle tree, so erasing the subject leaves the tree intact.
   */
  readonly payload: AuditPayload;
}

/** What record() wrote: the entry id, and the hash that the leaf commits to. */
export interface RecordedAuditEntry {
  readonly entryId: string;
  readonly logId: string;
  readonly payloadHash: Uint8Array;
}
