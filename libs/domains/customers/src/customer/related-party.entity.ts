import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const RELATED_PARTY_ROLES = ['director', 'beneficial_owner', 'shareholder', 'authorised_signatory'] as const;
export type RelatedPartyRole = (typeof RELATED_PARTY_ROLES)[number];

/** A director, beneficial owner or other party of a business customer; screened like the customer. */
@Entity({ name: 'customer_related_parties' })
@Check('CHK_customer_related_parties_party_type', `"party_type" IN ('individual', 'business')`)
@Index('customer_related_parties_tenant_customer', ['tenantId', 'customerId'])
export class RelatedPartyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId: string;

  @Column({ type: 'text' })
  role: RelatedPartyRole;

  @Column({ name: 'party_type', type: 'text' })
  partyType: 'individual' | 'business';

  @Column({ name: 'full_name', type: 'text' })
  fullName: string;

  @Column({ name: 'native_name', type: 'text', nullable: true })
  nativeName: string | null;

  @Column({ name: 'date_of_birth', type: 'date', nullable: true })
  dateOfBirth: string | null;

  @Column({ type: 'jsonb' })
  nationalities: string[];

  @Column({ type: 'text', nullable: true })
  country: string | null;

  /** Share of ownership or control in percent (beneficial owners, shareholders). */
  @Column({ name: 'ownership_percent', type: 'numeric', precision: 5, scale: 2, nullable: true })
  ownershipPercent: string | null;

  @Column({ name: 'is_pep', type: 'boolean', default: false })
  isPep: boolean;

  @Column({ name: 'screening_status', type: 'text', nullable: true })
  screeningStatus: string | null;

  @Column({ name: 'screening_best_score', type: 'double precision', nullable: true })
  screeningBestScore: number | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
