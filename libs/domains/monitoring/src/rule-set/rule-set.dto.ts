import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
} from 'class-validator';
import { RULE_SET_STATUSES, type RuleSetStatus } from './rule-set-version.entity.js';

const DOCUMENT_DESCRIPTION =
  "The RuleSetDocument: `rules` (json-rules-engine rules over the feature schema's facts) and `thresholds` " +
  '({ review, block } on the combined score). Validated on save: errors are listed with their paths (422).';

export class CreateRuleSetDto {
  /** A name for people, e.g. "AML baseline, lowered structuring threshold". */
  @IsString()
  @Length(1, 120)
  name: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: DOCUMENT_DESCRIPTION })
  @IsObject()
  document: Record<string, unknown>;
}

export class UpdateRuleSetDto {
  @IsOptional()
  @IsString()
  @Length(1, 120)
  name?: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: DOCUMENT_DESCRIPTION })
  @IsObject()
  document: Record<string, unknown>;
}

export class RuleSetPendingApprovalDto {
  id: string;
  contentHash: string;
  requestedBy: string;
  @ApiProperty({ type: String, format: 'date-time' })
  requestedAt: string;
  @ApiProperty({ type: String, format: 'date-time' })
  expiresAt: string;
}

export class RuleSetDto {
  id: string;
  name: string;
  /** 1, 2, 3… per tenant. */
  version: number;
  @ApiProperty({ enum: RULE_SET_STATUSES })
  status: RuleSetStatus;
  @ApiProperty({ type: 'object', additionalProperties: true })
  document: Record<string, unknown>;
  /** SHA-256 of the canonical JSON of the document. */
  contentHash: string;
  @ApiProperty({ type: String, nullable: true })
  createdBy: string | null;
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  publishedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  retiredAt: string | null;
  @ApiProperty({ type: String, nullable: true })
  approvalRequestId: string | null;
  @ApiProperty({ type: RuleSetPendingApprovalDto, nullable: true })
  pendingApproval: RuleSetPendingApprovalDto | null;
}

export class RuleChangeDto {
  name: string;
  /** The fields whose meaning changed: priority, conditions, event.type, event.params.message/action/weight. */
  fields: string[];
  @ApiProperty({ type: 'object', additionalProperties: true })
  before: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true })
  after: Record<string, unknown>;
}

export class RuleSetThresholdsDto {
  review: number;
  block: number;
}

export class RuleSetThresholdsChangeDto {
  @ApiProperty({ type: RuleSetThresholdsDto, nullable: true })
  before: RuleSetThresholdsDto | null;
  after: RuleSetThresholdsDto;
}

export class RuleSetDiffDto {
  @ApiProperty({ type: Number, nullable: true })
  publishedVersion: number | null;
  @ApiProperty({ type: String, nullable: true })
  publishedId: string | null;
  version: number;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  publishedDocument: Record<string, unknown> | null;
  @ApiProperty({ type: 'object', additionalProperties: true })
  document: Record<string, unknown>;
  /** Names of rules only in this version. */
  added: string[];
  /** Names of rules only in the published version. */
  removed: string[];
  @ApiProperty({ type: [RuleChangeDto] })
  changed: RuleChangeDto[];
  /** Rules in both and unchanged. */
  unchanged: number;
  @ApiProperty({ type: RuleSetThresholdsChangeDto, nullable: true })
  thresholds: RuleSetThresholdsChangeDto | null;
  /** jsondiffpatch's delta from the published document to this one (absent when equal). */
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  delta: Record<string, unknown> | null;
}

export class DryRunRuleSetDto {
  /** Fact vectors to evaluate (feature name → value); an optional `ref` labels a sample. */
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, required: false })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsObject({ each: true })
  samples?: Record<string, unknown>[];

  /** Stored transactions to replay with their stored features and model score. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  transactionIds?: string[];

  /** The model score used for fact samples (0 by default, as with no champion). */
  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  @Min(0)
  @Max(1)
  modelScore?: number;
}

export class DryRunFiredRuleDto {
  name: string;
  type: string;
  message: string;
  @ApiProperty({ enum: ['review', 'block'], required: false })
  action?: 'review' | 'block';
  weight: number;
}

export class DryRunResultDto {
  ref: string;
  @ApiProperty({ type: String, nullable: true })
  transactionId: string | null;
  @ApiProperty({ type: [DryRunFiredRuleDto] })
  fired: DryRunFiredRuleDto[];
  modelScore: number;
  score: number;
  @ApiProperty({ enum: ['allow', 'review', 'block'] })
  decision: 'allow' | 'review' | 'block';
  @ApiProperty({ enum: ['allow', 'review', 'block'], nullable: true })
  storedDecision: 'allow' | 'review' | 'block' | null;
}

export class RuleSetSubmittedDto {
  /** The four-eyes request a second person (holding rules:approve) must approve. */
  approvalId: string;
  contentHash: string;
  @ApiProperty({ type: String, format: 'date-time' })
  expiresAt: string;
}

export class RuleFactDto {
  /** The fact's name, as rules write it (`{ "fact": "amount", ... }`). */
  name: string;
  /** number: a real; flag: 0 or 1; category: a string. */
  @ApiProperty({ enum: ['number', 'flag', 'category'] })
  kind: 'number' | 'flag' | 'category';
  description: string;
  formula: string;
}
