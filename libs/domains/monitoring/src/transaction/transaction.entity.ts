import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { FeatureVector } from '../feature/feature.schema.js';

export const TRANSACTION_DECISIONS = ['allow', 'review', 'block'] as const;
export type TransactionDecision = (typeof TRANSACTION_DECISIONS)[number];

/** The counterparty as the provider sent it (IBAN and BIC normalised to upper case without spaces). */
export interface TransactionCounterparty {
  name: string;
  iban?: string;
  account?: string;
  bic?: string;
  country?: string;
}

/** Why the decision came out as it did, in words an analyst reads. */
export interface DecisionReason {
  kind: 'rule' | 'feature' | 'screening';
  message: string;
  /** rule: the rule's name; feature: the feature's name; screening: the list entry's name. */
  ref?: string;
}

export interface FeatureContribution {
  feature: string;
  value: number;
  contribution: number;
}

export interface FiredRuleRecord {
  name: string;
  type: string;
  message: string;
  action?: 'review' | 'block';
  weight: number;
}

export interface ShadowScore {
  modelVersionId: string;
  name: string;
  version: number;
  score: number;
}

/**
 * One transaction the provider asked about, with everything its decision rested on: the features as computed at that
 * moment, the fired rules, the model's score and contributions, and the versions used. Written once, in the decision's
 * database transaction, and never updated (the application holds no UPDATE or DELETE grant on it).
 */
@Entity({ name: 'monitoring_transactions' })
@Check('CHK_monitoring_transactions_decision', `"decision" IN ('allow', 'review', 'block')`)
@Check('CHK_monitoring_transactions_direction', `"direction" IN ('in', 'out')`)
@Index('monitoring_transactions_external_id', ['tenantId', 'externalId'], { unique: true })
@Index('monitoring_transactions_customer_booked', ['tenantId', 'customerId', 'bookedAt'])
@Index('monitoring_transactions_account_booked', ['tenantId', 'accountId', 'bookedAt'])
@Index('monitoring_transactions_customer_counterparty_booked', [
  'tenantId',
  'customerId',
  'counterpartyKey',
  'bookedAt',
])
@Index('monitoring_transactions_tenant_created', ['tenantId', 'createdAt'])
@Index('monitoring_transactions_record_booked', ['tenantId', 'customerRecordId', 'bookedAt'])
@Index('monitoring_transactions_counterparty_booked', ['tenantId', 'counterpartyKey', 'bookedAt'])
export class TransactionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  /** The provider's id of the transaction (`id` in the request), unique per tenant. */
  @Column({ name: 'external_id', type: 'text' })
  externalId: string;

  /** The provider's customer reference (`customerId` in the request). */
  @Column({ name: 'customer_id', type: 'text' })
  customerId: string;

  /** The provider's account reference (`accountId` in the request). */
  @Column({ name: 'account_id', type: 'text' })
  accountId: string;

  /** The customers domain's id of the customer record the reference resolved to. */
  @Column({ name: 'customer_record_id', type: 'text' })
  customerRecordId: string;

  @Column({ type: 'text' })
  direction: 'in' | 'out';

  @Column({ type: 'text' })
  channel: string;

  /** Minor units of `currency` (bigint; TypeORM hands it over as a string so that no precision is lost). */
  @Column({ name: 'amount_minor', type: 'bigint' })
  amountMinor: string;

  @Column({ type: 'text' })
  currency: string;

  /** The amount in the tenant's base currency, major units, at the configured rate. */
  @Column({ name: 'amount_base', type: 'numeric' })
  amountBase: string;

  @Column({ name: 'booked_at', type: 'timestamptz' })
  bookedAt: Date;

  @Column({ type: 'jsonb' })
  counterparty: TransactionCounterparty;

  /** IBAN, else BIC + account, else the normalised name: what "the same counterparty" means for features. */
  @Column({ name: 'counterparty_key', type: 'text' })
  counterpartyKey: string;

  @Column({ type: 'jsonb' })
  metadata: Record<string, unknown>;

  @Column({ type: 'jsonb' })
  features: FeatureVector;

  @Column({ type: 'text' })
  decision: TransactionDecision;

  /** The combined score in [0, 1]. */
  @Column({ type: 'double precision' })
  score: number;

  /** The champion model's probability alone (0 without a champion). */
  @Column({ name: 'model_score', type: 'double precision' })
  modelScore: number;

  @Column({ type: 'jsonb' })
  reasons: DecisionReason[];

  @Column({ name: 'fired_rules', type: 'jsonb' })
  firedRules: FiredRuleRecord[];

  /** The champion's top feature contributions, largest magnitude first. */
  @Column({ type: 'jsonb' })
  contributions: FeatureContribution[];

  @Column({ name: 'rule_set_version_id', type: 'uuid', nullable: true })
  ruleSetVersionId: string | null;

  @Column({ name: 'rule_set_version', type: 'integer', nullable: true })
  ruleSetVersion: number | null;

  @Column({ name: 'model_version_id', type: 'uuid', nullable: true })
  modelVersionId: string | null;

  /** `<name>@<version>` of the champion, for display. */
  @Column({ name: 'model_version', type: 'text', nullable: true })
  modelVersion: string | null;

  @Column({ name: 'shadow_scores', type: 'jsonb' })
  shadowScores: ShadowScore[];

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
