import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An account of a customer at the payment provider, known by the provider's reference. */
@Entity({ name: 'customer_accounts' })
@Index('customer_accounts_tenant_external_ref', ['tenantId', 'externalRef'], { unique: true })
@Index('customer_accounts_tenant_customer', ['tenantId', 'customerId'])
export class CustomerAccountEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId: string;

  @Column({ name: 'external_ref', type: 'text' })
  externalRef: string;

  /** ISO 4217 code. */
  @Column({ type: 'text' })
  currency: string;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt: Date;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
