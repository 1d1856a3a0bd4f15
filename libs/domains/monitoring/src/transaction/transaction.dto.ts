import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateNested,
  IsDefined,
  Length,
} from 'class-validator';
import {
  IsBicCode,
  IsCountryAlpha2,
  IsIbanCode,
  IsPaymentCurrency,
  IsSmallJsonObject,
  IsTimestampWithOffset,
  MAX_METADATA_BYTES,
} from './transaction-field.validators.js';
import { TRANSACTION_DECISIONS, type TransactionDecision } from './transaction.entity.js';

export const TRANSACTION_CHANNELS = ['card', 'wire', 'sepa', 'ach', 'cash', 'crypto', 'internal', 'other'] as const;
export const MAX_BATCH_SIZE = 1000;
/** A reference of the provider's: printable ASCII without spaces at either end. */
const REFERENCE = /^[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?$/;

export class MoneyDto {
  /**
   * The amount in minor units of the currency (cents for USD, yen for JPY), a positive whole number up to 2^53 − 1.
   * Never a decimal: an amount with more precision than the currency's minor unit cannot be expressed.
   */
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  @ApiProperty({ example: 980000 })
  value: number;

  /** ISO 4217 code. */
  @IsPaymentCurrency()
  @ApiProperty({ example: 'USD' })
  currency: string;
}

export class CounterpartyDto {
  /** The counterparty's name as on the payment (screened against the sanctions and PEP lists). */
  @IsString()
  @Length(1, 200)
  name: string;

  /** IBAN (electronic format, no spaces). */
  @IsOptional()
  @IsIbanCode()
  @ApiProperty({ required: false, example: 'DE89370400440532013000' })
  iban?: string;

  /** Account number when there is no IBAN. */
  @IsOptional()
  @IsString()
  @Length(1, 64)
  account?: string;

  /** The counterparty bank's BIC. */
  @IsOptional()
  @IsBicCode()
  @ApiProperty({ required: false, example: 'COBADEFFXXX' })
  bic?: string;

  /** ISO 3166-1 alpha-2 country of the counterparty. */
  @IsOptional()
  @IsCountryAlpha2()
  @ApiProperty({ required: false, example: 'DE' })
  country?: string;
}

export class TransactionDto {
  /** The provider's id of the transaction, unique per tenant. */
  @IsString()
  @Length(1, 128)
  @Matches(REFERENCE, { message: 'id must be printable ASCII without leading or trailing spaces' })
  @ApiProperty({ example: 't-1001' })
  id: string;

  /** The provider's customer reference. */
  @IsString()
  @Length(1, 128)
  @Matches(REFERENCE, { message: 'customerId must be printable ASCII without leading or trailing spaces' })
  @ApiProperty({ example: 'c-42' })
  customerId: string;

  /** The provider's account reference. */
  @IsString()
  @Length(1, 128)
  @Matches(REFERENCE, { message: 'accountId must be printable ASCII without leading or trailing spaces' })
  @ApiProperty({ example: 'a-42' })
  accountId: string;

  /** `out`: money leaves the customer; `in`: money reaches the customer. */
  @IsIn(['in', 'out'])
  @ApiProperty({ enum: ['in', 'out'] })
  direction: 'in' | 'out';

  @IsIn(TRANSACTION_CHANNELS)
  @ApiProperty({ enum: TRANSACTION_CHANNELS })
  channel: (typeof TRANSACTION_CHANNELS)[number];

  @IsDefined()
  @ValidateNested()
  @Type(() => MoneyDto)
  amount: MoneyDto;

  /** When the payment was booked: ISO 8601 with an offset. Feature windows are by this time. */
  @IsTimestampWithOffset()
  @ApiProperty({ example: '2026-11-21T10:00:00Z' })
  bookedAt: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => CounterpartyDto)
  counterparty: CounterpartyDto;

  /** Free data of the provider's, stored with the transaction (a JSON object of at most 4 KiB). */
  @IsOptional()
  @IsSmallJsonObject(MAX_METADATA_BYTES)
  @ApiProperty({ required: false, type: Object, additionalProperties: true })
  metadata?: Record<string, unknown>;
}

export class TransactionBatchDto {
  /** Up to 1,000 transactions, validated together before any is decided; answered in the same order. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH_SIZE)
  @ValidateNested({ each: true })
  @Type(() => TransactionDto)
  transactions: TransactionDto[];
}

export class FeatureContributionDto {
  feature: string;
  value: number;
  /** Signed contribution to the model's score (log-odds for additive models; see the model's documentation). */
  contribution: number;
}

export class FiredRuleDto {
  name: string;
  type: string;
  message: string;
  @ApiProperty({ enum: ['review', 'block'], required: false })
  action?: 'review' | 'block';
  weight: number;
}

export class DecisionReasonDto {
  @ApiProperty({ enum: ['rule', 'feature', 'screening'] })
  kind: 'rule' | 'feature' | 'screening';
  message: string;
  @ApiProperty({ required: false })
  ref?: string;
}

export class TransactionDecisionDto {
  /** Verity's id of the transaction (GET /v1/transactions/{transactionId}). */
  transactionId: string;
  /** The provider's id, as sent. */
  externalId: string;
  @ApiProperty({ enum: TRANSACTION_DECISIONS })
  decision: TransactionDecision;
  /** Combined score in [0, 1]: 1 − (1 − model score) × Π(1 − weight of each fired rule). */
  score: number;
  /** The reasons in words: fired rules' messages, screening hits and the top feature contributions. */
  @ApiProperty({ type: [DecisionReasonDto] })
  reasons: DecisionReasonDto[];
  @ApiProperty({ type: [FiredRuleDto] })
  firedRules: FiredRuleDto[];
  /** The champion model's top five feature contributions, largest magnitude first. */
  @ApiProperty({ type: [FeatureContributionDto] })
  contributions: FeatureContributionDto[];
  /** Version number of the published rule set used (null: none published). */
  @ApiProperty({ type: Number, nullable: true })
  ruleSetVersion: number | null;
  /** `<name>@<version>` of the champion model used (null: no champion). */
  @ApiProperty({ type: String, nullable: true })
  modelVersion: string | null;
}

export class TransactionBatchResultDto {
  @ApiProperty({ type: [TransactionDecisionDto] })
  results: TransactionDecisionDto[];
}

export class ShadowScoreDto {
  modelVersionId: string;
  name: string;
  version: number;
  score: number;
}

export class TransactionDetailDto extends TransactionDecisionDto {
  customerId: string;
  accountId: string;
  customerRecordId: string;
  @ApiProperty({ enum: ['in', 'out'] })
  direction: 'in' | 'out';
  channel: string;
  /** Minor units, as a string (a bigint). */
  amountMinor: string;
  currency: string;
  /** The amount in the base currency (USD), major units. */
  amountBase: number;
  @ApiProperty({ type: String, format: 'date-time' })
  bookedAt: string;
  counterparty: CounterpartyDto;
  @ApiProperty({ type: Object, additionalProperties: true })
  metadata: Record<string, unknown>;
  /** The champion's probability alone (0 without a champion). */
  modelScore: number;
  /** Every feature as computed at decision time (names in docs/features.md). */
  @ApiProperty({ type: Object, additionalProperties: { oneOf: [{ type: 'number' }, { type: 'string' }] } })
  features: Record<string, number | string>;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  ruleSetVersionId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  modelVersionId: string | null;
  /** Scores of the shadow models, for comparison with the champion. */
  @ApiProperty({ type: [ShadowScoreDto] })
  shadowScores: ShadowScoreDto[];
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
}

export class TransactionListQueryDto {
  /** Only this customer's transactions (the provider's reference). */
  @IsOptional()
  @IsString()
  @Length(1, 128)
  customerId?: string;

  @IsOptional()
  @IsIn(TRANSACTION_DECISIONS)
  @ApiProperty({ enum: TRANSACTION_DECISIONS, required: false })
  decision?: TransactionDecision;

  /** Booked at or after. */
  @IsOptional()
  @IsTimestampWithOffset()
  @ApiProperty({ required: false, format: 'date-time' })
  from?: string;

  /** Booked before. */
  @IsOptional()
  @IsTimestampWithOffset()
  @ApiProperty({ required: false, format: 'date-time' })
  to?: string;

  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  @Min(0)
  @Max(1)
  @ApiProperty({ required: false })
  minScore?: number;

  /** Page size (default 50). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  @ApiProperty({ required: false, default: 50 })
  limit?: number;

  /** The `nextCursor` of the previous page. */
  @IsOptional()
  @IsUUID()
  @ApiProperty({ required: false })
  cursor?: string;
}

export class TransactionSummaryDto {
  transactionId: string;
  externalId: string;
  customerId: string;
  accountId: string;
  @ApiProperty({ enum: ['in', 'out'] })
  direction: 'in' | 'out';
  channel: string;
  amountMinor: string;
  currency: string;
  amountBase: number;
  @ApiProperty({ type: String, format: 'date-time' })
  bookedAt: string;
  counterpartyName: string;
  @ApiProperty({ enum: TRANSACTION_DECISIONS })
  decision: TransactionDecision;
  score: number;
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
}

export class TransactionPageDto {
  @ApiProperty({ type: [TransactionSummaryDto] })
  items: TransactionSummaryDto[];
  /** Pass as `cursor` for the next page; null on the last page. */
  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}
