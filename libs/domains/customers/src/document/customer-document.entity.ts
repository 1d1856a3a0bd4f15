import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const DOCUMENT_TYPES = [
  'passport',
  'national_id',
  'driving_licence',
  'residence_permit',
  'proof_of_address',
  'company_registration',
  'articles_of_association',
  'shareholder_register',
  'other',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const DOCUMENT_VERIFICATION_STATUSES = ['pending_review', 'verified', 'rejected'] as const;
export type DocumentVerificationStatus = (typeof DOCUMENT_VERIFICATION_STATUSES)[number];

/** A KYC document's metadata (the file itself stays with the provider) and its verification. */
@Entity({ name: 'customer_documents' })
@Check('CHK_customer_documents_status', `"verification_status" IN ('pending_review', 'verified', 'rejected')`)
@Index('customer_documents_tenant_customer', ['tenantId', 'customerId'])
export class CustomerDocumentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId: string;

  @Column({ type: 'text' })
  type: DocumentType;

  @Column({ type: 'text', nullable: true })
  number: string | null;

  @Column({ name: 'issuing_country', type: 'text', nullable: true })
  issuingCountry: string | null;

  @Column({ name: 'expires_on', type: 'date', nullable: true })
  expiresOn: string | null;

  @Column({ name: 'verification_status', type: 'text' })
  verificationStatus: DocumentVerificationStatus;

  /** Which DocumentVerificationProvider handled it, e.g. `manual_review`. */
  @Column({ type: 'text' })
  provider: string;

  @Column({ name: 'verified_by', type: 'uuid', nullable: true })
  verifiedBy: string | null;

  @Column({ name: 'verified_at', type: 'timestamptz', nullable: true })
  verifiedAt: Date | null;

  @Column({ name: 'decision_reason', type: 'text', nullable: true })
  decisionReason: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
