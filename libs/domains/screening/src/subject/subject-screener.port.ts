import type { Tx } from '@platform/database';

/** Who or what is screened. `subjectId` is the owning domain's id (a counterparty's normalised key for counterparties). */
export interface ScreeningSubjectInput {
  readonly kind: 'customer' | 'related_party' | 'counterparty';
  readonly subjectId: string;
  /** The customer it belongs to (for related parties and counterparties), to show hits in the customer's profile. */
  readonly customerId?: string;
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly entityType: 'individual' | 'organisation' | 'vessel' | 'unknown';
  /** ISO 8601 date or year. */
  readonly dateOfBirth?: string;
  /** ISO 3166 alpha-2 codes. */
  readonly nationalities?: readonly string[];
  readonly country?: string;
  readonly identifiers?: readonly { readonly type: string; readonly value: string; readonly country?: string }[];
}

/** One candidate from the lists, best first, with why it scored what it did. */
export interface ScreeningHitSummary {
  readonly listSource: string;
  readonly entryExternalId: string;
  readonly entryName: string;
  readonly matchedName: string;
  readonly score: number;
  readonly explanation: readonly string[];
}

export interface SubjectScreeningOutcome {
  /** clear: no open hit; potential_match: open hits await adjudication; confirmed_match: an analyst confirmed one. */
  readonly status: 'clear' | 'potential_match' | 'confirmed_match';
  /** Best score among open and confirmed hits (0 when none). */
  readonly bestScore: number;
  readonly hits: readonly ScreeningHitSummary[];
}

/**
 * The screening domain's service for other domains (customers at onboarding and on every change; monitoring for
 * counterparties). Stores the subject's snapshot (for continuous re-screening when a list changes) and its hits,
 * skipping suppressed false positives, in the caller's transaction, and records `screening.subject.screened` in the
 * audit ledger. A blank or over-long name (or alias) is skipped rather than refused: the subject is stored and
 * answered `clear` on that name. Counterparties are re-screened on list changes while screened (seen) within the last
 * RESCREEN_COUNTERPARTY_DAYS days.
 */
export abstract class SubjectScreener {
  abstract screenSubject(tx: Tx, tenantId: string, subject: ScreeningSubjectInput): Promise<SubjectScreeningOutcome>;
  /** The stored outcome of a subject (no new screening): open and confirmed hits. */
  abstract outcomeOf(
    tx: Tx,
    tenantId: string,
    kind: ScreeningSubjectInput['kind'],
    subjectId: string,
  ): Promise<SubjectScreeningOutcome>;
  /**
   * Which of these subjects were screened at or after `since` (by `screenSubject` or a re-screening): lets a caller
   * that screens in bulk (monitoring's counterparties) skip the ones screened recently.
   */
  abstract screenedSince(
    tx: Tx,
    tenantId: string,
    kind: ScreeningSubjectInput['kind'],
    subjectIds: readonly string[],
    since: Date,
  ): Promise<Set<string>>;
}

/**
 * In-memory name check for the real-time path: no database write, answers from the tenant's warm index. Hits
 * best first. Used by `POST /v1/screening/check` and the transaction decision. Throws ScreeningError
 * `screening/name_empty` (kind unprocessable) for a name without any letter or digit and `screening/name_too_long`
 * (kind too_large) above 10,000 characters. The tenant's first call builds its index (about a second for the full
 * OFAC and UN lists); later calls answer from memory. Defaults: limit 10, minScore DEFAULT_MATCH_THRESHOLD.
 */
export abstract class NameScreener {
  abstract check(
    tenantId: string,
    query: { name: string; entityType?: ScreeningSubjectInput['entityType']; dateOfBirth?: string; country?: string },
    options?: { limit?: number; minScore?: number },
  ): Promise<readonly ScreeningHitSummary[]>;
}
