import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { FLOW_SUBJECT_TYPES, type FlowNodeKind, type FlowSubjectType } from './flow-graph.builder.js';

export class FlowGraphWindowQueryDto {
  /** 1 to 3 (default 2): how many edges away from the subject the graph reaches. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3)
  @ApiProperty({ required: false, default: 2, minimum: 1, maximum: 3 })
  hops?: number;

  /** Transactions booked at or after (ISO 8601). Default: 90 days before `to` (a case: 30 days before its first transaction). */
  @IsOptional()
  @IsISO8601({ strict: true })
  @ApiProperty({ required: false, format: 'date-time' })
  from?: string;

  /** Transactions booked before (ISO 8601). Default: now. At most 366 days after `from`. */
  @IsOptional()
  @IsISO8601({ strict: true })
  @ApiProperty({ required: false, format: 'date-time' })
  to?: string;
}

export class FlowGraphQueryDto extends FlowGraphWindowQueryDto {
  @IsIn(FLOW_SUBJECT_TYPES)
  @ApiProperty({ enum: FLOW_SUBJECT_TYPES })
  subjectType: FlowSubjectType;

  /** A customer id (customers domain), the provider's account reference, or a counterparty key (`iban:…`, `account:<bic>:<number>`, `name:…`). */
  @IsString()
  @Length(1, 300)
  subjectId: string;
}

export class FlowSubjectDto {
  @ApiProperty({ enum: FLOW_SUBJECT_TYPES })
  type: FlowSubjectType;
  id: string;
}

export class FlowGraphNodeDto {
  /** `customer:<id>`, `account:<ref>` or `counterparty:<key>`. */
  id: string;
  @ApiProperty({ enum: ['customer', 'counterparty', 'account'] })
  kind: FlowNodeKind;
  label: string;
  /** The customer's KYC risk rating (customers only). */
  @ApiProperty({ required: false })
  risk?: string;
  isSubject: boolean;
  /** Edges away from the subject. */
  hop: number;
}

export class FlowGraphEdgeDto {
  /** The node the money left. */
  from: string;
  /** The node the money reached. */
  to: string;
  count: number;
  /** Minor units, decimal string. */
  totalMinor: string;
  currency: string;
  @ApiProperty({ format: 'date-time' })
  firstAt: string;
  @ApiProperty({ format: 'date-time' })
  lastAt: string;
}

export class FlowGraphDto {
  subjects: FlowSubjectDto[];
  hops: number;
  @ApiProperty({ format: 'date-time' })
  from: string;
  @ApiProperty({ format: 'date-time' })
  to: string;
  nodes: FlowGraphNodeDto[];
  edges: FlowGraphEdgeDto[];
  /** At most this many nodes (150). */
  nodeCap: number;
  /** Some flows were left out because of the node cap (the largest are kept). */
  truncated: boolean;
}

export class RiskFactorViewDto {
  factor: string;
  points: number;
  reason: string;
}

export class CustomerGlanceProfileDto {
  id: string;
  @ApiProperty({ type: String, nullable: true })
  externalRef: string | null;
  fullName: string;
  @ApiProperty({ enum: ['individual', 'business'] })
  type: string;
  kycStatus: string;
  @ApiProperty({ type: String, nullable: true })
  country: string | null;
  isPep: boolean;
  eddRequired: boolean;
  @ApiProperty({ type: String, nullable: true })
  screeningStatus: string | null;
  riskRating: string;
  @ApiProperty({ type: Number, nullable: true })
  riskScore: number | null;
  /** Why the rating is what it is, factor by factor. */
  riskFactors: RiskFactorViewDto[];
  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  ratedAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  nextReviewAt: string | null;
  /** The provider's account references. */
  accounts: string[];
}

export class GlanceTransactionDto {
  transactionId: string;
  externalId: string;
  accountId: string;
  @ApiProperty({ enum: ['in', 'out'] })
  direction: 'in' | 'out';
  amountMinor: string;
  currency: string;
  amountBase: number;
  @ApiProperty({ format: 'date-time' })
  bookedAt: string;
  counterpartyName: string;
  counterpartyKey: string;
  @ApiProperty({ enum: ['allow', 'review', 'block'] })
  decision: 'allow' | 'review' | 'block';
  score: number;
}

export class GlanceAlertDto {
  id: string;
  reference: string;
  type: string;
  title: string;
  priority: string;
  status: string;
  @ApiProperty({ type: String, nullable: true })
  disposition: string | null;
  @ApiProperty({ type: String, nullable: true })
  reasonCode: string | null;
  @ApiProperty({ type: String, nullable: true })
  caseId: string | null;
  @ApiProperty({ format: 'date-time' })
  createdAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  disposedAt: string | null;
}

export class GlanceCaseDto {
  id: string;
  reference: string;
  title: string;
  status: string;
  priority: string;
  @ApiProperty({ type: String, nullable: true })
  closeDisposition: string | null;
  @ApiProperty({ format: 'date-time' })
  createdAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  closedAt: string | null;
}

export class CustomerGlanceDto {
  profile: CustomerGlanceProfileDto;
  /** The 50 most recently booked transactions. */
  recentTransactions: GlanceTransactionDto[];
  /** All transactions of the customer. */
  transactionCount: number;
  /** The 50 newest alerts about the customer. */
  alerts: GlanceAlertDto[];
  alertCount: number;
  /** Cases naming the customer or holding its alerts (newest 50). */
  cases: GlanceCaseDto[];
}

export class DecisionReasonViewDto {
  @ApiProperty({ enum: ['rule', 'feature', 'screening'] })
  kind: string;
  message: string;
  @ApiProperty({ required: false })
  ref?: string;
}

export class ContributionViewDto {
  feature: string;
  value: number;
  contribution: number;
}

export class CounterpartyViewDto {
  name: string;
  @ApiProperty({ required: false })
  iban?: string;
  @ApiProperty({ required: false })
  account?: string;
  @ApiProperty({ required: false })
  bic?: string;
  @ApiProperty({ required: false })
  country?: string;
}

export class CaseTransactionExplanationDto {
  transactionId: string;
  externalId: string;
  /** The provider's customer reference. */
  customerId: string;
  /** The customers domain's id. */
  customerRecordId: string;
  accountId: string;
  @ApiProperty({ enum: ['in', 'out'] })
  direction: 'in' | 'out';
  channel: string;
  amountMinor: string;
  currency: string;
  amountBase: number;
  @ApiProperty({ format: 'date-time' })
  bookedAt: string;
  counterparty: CounterpartyViewDto;
  @ApiProperty({ enum: ['allow', 'review', 'block'] })
  decision: string;
  score: number;
  modelScore: number;
  reasons: DecisionReasonViewDto[];
  /** The largest feature contributions (by magnitude), at most 8. */
  topContributions: ContributionViewDto[];
  @ApiProperty({ type: Number, nullable: true })
  ruleSetVersion: number | null;
  @ApiProperty({ type: String, nullable: true })
  modelVersion: string | null;
  /** References of the case's alerts raised on this transaction (empty when it was linked directly). */
  alertReferences: string[];
}

export class CaseTransactionsDto {
  caseId: string;
  items: CaseTransactionExplanationDto[];
}
