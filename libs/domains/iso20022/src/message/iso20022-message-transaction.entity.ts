import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const ISO20022_TRANSACTION_STATUSES = ['accepted', 'pending', 'rejected', 'returned'] as const;
export type Iso20022TransactionStatus = (typeof ISO20022_TRANSACTION_STATUSES)[number];

/** One transaction of a stored message (a CdtTrfTxInf, a TxInfAndSts, a TxInf of a return…). */
@Entity({ name: 'iso20022_message_transactions' })
@Check('CHK_iso20022_message_transactions_status', `"status" IN ('accepted', 'pending', 'rejected', 'returned')`)
@Index('iso20022_message_transactions_message', ['messageId'])
@Index('iso20022_message_transactions_tenant_e2e', ['tenantId', 'endToEndId'])
@Index('iso20022_message_transactions_tenant_transaction', ['tenantId', 'transactionId'])
export class Iso20022MessageTransactionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'message_id', type: 'uuid' })
  messageId: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  /**
   * Position of the transaction in its message (0-based): `transactionsOf` answers in message order. Always set when
   * read from the database (optional only so that in-memory fixtures need not give it).
   */
  @Column({ type: 'integer', default: 0 })
  position?: number;

  /** The monitoring transaction it was decided as, when it was. */
  @Column({ name: 'transaction_id', type: 'uuid', nullable: true })
  transactionId: string | null;

  @Column({ name: 'end_to_end_id', type: 'text' })
  endToEndId: string;

  @Column({ name: 'instr_id', type: 'text', nullable: true })
  instrId: string | null;

  @Column({ type: 'text', nullable: true })
  uetr: string | null;

  @Column({ name: 'tx_id', type: 'text', nullable: true })
  txId: string | null;

  /** Minor units of `currency` (exact, from the decimal amount of the message). */
  @Column({ name: 'amount_minor', type: 'bigint' })
  amountMinor: string;

  @Column({ type: 'text' })
  currency: string;

  @Column({ type: 'text' })
  status: Iso20022TransactionStatus;

  /** ExternalStatusReason1Code (or ExternalReturnReason1Code for returns). */
  @Column({ name: 'reason_code', type: 'text', nullable: true })
  reasonCode: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
