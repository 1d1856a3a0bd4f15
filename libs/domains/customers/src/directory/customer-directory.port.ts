import type { Tx } from '@platform/database';

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
    ref: { customerRef: string; accountRef: string; currency: string; seenAt: Date },
    policy: 'reject' | 'create',
  ): Promise<TransactionParty | null>;
}
