import type { Tx } from '@platform/database';

/** The provider's references of one transaction, as resolveForTransaction takes them. */
export interface TransactionPartyRef {
  readonly customerRef: string;
  readonly accountRef: string;
  readonly currency: string;
  readonly seenAt: Date;
}

/** What monitoring knows about the parties of a transaction. */
export interface TransactionParty {
  readonly customerId: string;
  readonly accountId: string;
  readonly customerCreated: boolean;
  readonly accountCreated: boolean;
  readonly riskRating: 'unrated' | 'low' | 'medium' | 'high';
  readonly kycStatus: string;
  readonly isPep: boolean;
  readonly accountOpenedAt: Date;
}

/**
 * The customers domain's service for monitoring: resolves the provider's customer and account references of a
 * transaction in the caller's transaction. With policy `create`, unknown ones become minimal records flagged for KYC
 * (and audited); with `reject`, an unknown reference answers null.
 */
export abstract class CustomerDirectory {
  abstract resolveForTransaction(
    tx: Tx,
    tenantId: string,
    ref: TransactionPartyRef,
    policy: 'reject' | 'create',
  ): Promise<TransactionParty | null>;

  /**
   * resolveForTransaction for the transactions of a batch, in a few statements whatever their number: one answer per
   * ref, in order, the same as resolving the refs one after another in that order (an account is opened with the
   * currency and time of the first ref naming it; the created flags are true on that first ref only). With `reject`,
   * unknown refs answer null and nothing is written; with `create`, the created customers and accounts are audited
   * as one at a time.
   */
  abstract resolveManyForTransaction(
    tx: Tx,
    tenantId: string,
    refs: readonly TransactionPartyRef[],
    policy: 'reject' | 'create',
  ): Promise<(TransactionParty | null)[]>;
}
