import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { KycStatus } from '../lifecycle/kyc.lifecycle.js';
import type { RiskFactorScore } from '../risk/risk.scorer.js';

export const CUSTOMER_TYPES = ['individual', 'business'] as const;
export type CustomerType = (typeof CUSTOMER_TYPES)[number];

export const IDENTIFIER_TYPES = ['passport', 'national_id', 'company_registration', 'lei', 'tax_id'] as const;
export type IdentifierType = (typeof IDENTIFIER_TYPES)[number];

export interface CustomerIdentifier {
  readonly type: IdentifierType;
  readonly value: string;
  /** ISO 3166-1 alpha-2 issuing country. */
  readonly country?: string;
}

export interface CustomerAddress {
  readonly line1: string;
  readonly line2?: string;
  readonly city?: string;
  readonly postalCode?: string;
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
}

export interface ExpectedActivity {
  readonly monthlyVolume?: number;
  readonly monthlyCount?: number;
  readonly currency?: string;
  readonly purpose?: string;
}

/** The enhanced-due-diligence checklist, filled in when an EDD customer is approved. */
export interface EddChecklist {
  readonly sourceOfWealth: string;
  readonly seniorManagementApproval: boolean;
  readonly purposeOfRelationship: string;
  readonly approvedBy: string;
  readonly completedAt: string;
}

/** A customer of the tenant's payment provider: an individual or a business, with its KYC state and risk rating. */
@Entity({ name: 'customers' })
@Check('CHK_customers_type', `"type" IN ('individual', 'business')`)
@Check('CHK_customers_kyc_status', `"kyc_status" IN ('draft', 'screening', 'review', 'approved', 'rejected', 'exited')`)
@Check('CHK_customers_risk_rating', `"risk_rating" IN ('unrated', 'low', 'medium', 'high')`)
@Index('customers_tenant_external_ref', ['tenantId', 'externalRef'], { unique: true })
@Index('customers_tenant_status', ['tenantId', 'kycStatus'])
@Index('customers_tenant_next_review', ['tenantId', 'nextReviewAt'])
export class CustomerEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  /** The payment provider's customer id (unique per tenant); null for customers created in the UI without one. */
  @Column({ name: 'external_ref', type: 'text', nullable: true })
  externalRef: string | null;

  @Column({ type: 'text' })
  type: CustomerType;

  /** Full name (individual) or registered legal name (business), in Latin script. */
  @Column({ name: 'full_name', type: 'text' })
  fullName: string;

  /** The same name in its native script (e.g. Cyrillic, Arabic, Han), when it has one. */
  @Column({ name: 'native_name', type: 'text', nullable: true })
  nativeName: string | null;

  /** Other names: maiden names, trading names, transliteration variants. */
  @Column({ type: 'jsonb' })
  aliases: string[];

  /** Date of birth (individual) or of incorporation (business). */
  @Column({ name: 'date_of_birth', type: 'date', nullable: true })
  dateOfBirth: string | null;

  /** ISO 3166-1 alpha-2 codes. */
  @Column({ type: 'jsonb' })
  nationalities: string[];

  /** Country of residence (individual) or of incorporation (business), ISO 3166-1 alpha-2. */
  @Column({ type: 'text', nullable: true })
  country: string | null;

  @Column({ type: 'jsonb' })
  addresses: CustomerAddress[];

  @Column({ type: 'jsonb' })
  identifiers: CustomerIdentifier[];

  @Column({ type: 'text', nullable: true })
  occupation: string | null;

  @Column({ type: 'text', nullable: true })
  industry: string | null;

  @Column({ name: 'expected_activity', type: 'jsonb', nullable: true })
  expectedActivity: ExpectedActivity | null;

  @Column({ name: 'source_of_funds', type: 'text', nullable: true })
  sourceOfFunds: string | null;

  /** Product code (a risk factor), e.g. `current_account`. */
  @Column({ type: 'text', nullable: true })
  product: string | null;

  /** Onboarding channel (a risk factor): `branch`, `online`, `intermediary`… */
  @Column({ type: 'text', nullable: true })
  channel: string | null;

  @Column({ name: 'kyc_status', type: 'text', default: 'draft' })
  kycStatus: KycStatus;

  /** A minimal record created from a transaction (or imported) that still needs its KYC. */
  @Column({ name: 'kyc_required', type: 'boolean', default: false })
  kycRequired: boolean;

  @Column({ name: 'is_pep', type: 'boolean', default: false })
  isPep: boolean;

  @Column({ name: 'adverse_media', type: 'boolean', default: false })
  adverseMedia: boolean;

  @Column({ name: 'risk_rating', type: 'text', default: 'unrated' })
  riskRating: 'unrated' | 'low' | 'medium' | 'high';

  @Column({ name: 'risk_score', type: 'integer', nullable: true })
  riskScore: number | null;

  /** Each factor's points and why, as computed with `risk_matrix_version`. */
  @Column({ name: 'risk_explanation', type: 'jsonb', nullable: true })
  riskExplanation: RiskFactorScore[] | null;

  @Column({ name: 'risk_matrix_version', type: 'integer', nullable: true })
  riskMatrixVersion: number | null;

  @Column({ name: 'rated_at', type: 'timestamptz', nullable: true })
  ratedAt: Date | null;

  /** Enhanced due diligence applies (PEP, high-risk country, or high rating). */
  @Column({ name: 'edd_required', type: 'boolean', default: false })
  eddRequired: boolean;

  @Column({ name: 'edd_checklist', type: 'jsonb', nullable: true })
  eddChecklist: EddChecklist | null;

  /** The screening outcome at the last screening: `clear`, `potential_match`, `confirmed_match`; null before any. */
  @Column({ name: 'screening_status', type: 'text', nullable: true })
  screeningStatus: string | null;

  @Column({ name: 'screening_best_score', type: 'double precision', nullable: true })
  screeningBestScore: number | null;

  @Column({ name: 'screened_at', type: 'timestamptz', nullable: true })
  screenedAt: Date | null;

  /** When the next periodic review falls due (set on approval from the rating). */
  @Column({ name: 'next_review_at', type: 'timestamptz', nullable: true })
  nextReviewAt: Date | null;

  /** The reason given with the last approval, rejection or exit. */
  @Column({ name: 'decision_reason', type: 'text', nullable: true })
  decisionReason: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
