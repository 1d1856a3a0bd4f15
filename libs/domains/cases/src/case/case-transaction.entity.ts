import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A monitoring transaction linked to a case (directly, or through an escalated alert). */
@Entity({ name: 'case_transactions' })
@Index('case_transactions_case_transaction', ['caseId', 'transactionId'], { unique: true })
@Index('case_transactions_tenant_transaction', ['tenantId', 'transactionId'])
export class CaseTransactionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ name: 'transaction_id', type: 'uuid' })
  transactionId: string;

  @Column({ name: 'added_by', type: 'uuid' })
  addedBy: string;

  @Column({ name: 'added_at', type: 'timestamptz', default: () => 'now()' })
  addedAt: Date;
}
