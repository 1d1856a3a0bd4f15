import { ApiProperty } from '@nestjs/swagger';
import { IsDateString, IsOptional, IsUUID } from 'class-validator';
import { BACKTEST_STATUSES, type BacktestStatus } from './backtest.entity.js';

export class CreateBacktestDto {
  /** The draft rule set to compare with the published one. */
  @IsUUID()
  ruleSetId: string;

  /** A model whose scores replace the champion's for the draft (stored shadow scores, or re-scored). */
  @IsOptional()
  @IsUUID()
  includeShadowModelId?: string;

  /** Start of the booking period (inclusive). */
  @ApiProperty({ type: String, format: 'date-time' })
  @IsDateString()
  from: string;

  /** End of the booking period (exclusive). */
  @ApiProperty({ type: String, format: 'date-time' })
  @IsDateString()
  to: string;
}

export class BacktestArmDto {
  @ApiProperty({ type: String, nullable: true })
  ruleSetId: string | null;
  @ApiProperty({ type: Number, nullable: true })
  version: number | null;
  alerts: number;
  reviews: number;
  blocks: number;
  @ApiProperty({ type: Number, nullable: true })
  precision: number | null;
  @ApiProperty({ type: Number, nullable: true })
  recall: number | null;
}

export class BacktestShadowArmDto extends BacktestArmDto {
  modelId: string;
}

export class BacktestChangeDto {
  transactionId: string;
  externalId: string;
  @ApiProperty({ type: String, format: 'date-time' })
  bookedAt: string;
  @ApiProperty({ enum: ['allow', 'review', 'block'] })
  published: 'allow' | 'review' | 'block';
  @ApiProperty({ enum: ['allow', 'review', 'block'] })
  draft: 'allow' | 'review' | 'block';
  publishedScore: number;
  draftScore: number;
}

export class ThresholdSuggestionDto {
  /** The suggested review threshold. */
  review: number;
  /** `max_f1`: best F1 against alert dispositions; `alert_volume`: lowest keeping alerts ≤ the published set's. */
  @ApiProperty({ enum: ['max_f1', 'alert_volume'] })
  reason: 'max_f1' | 'alert_volume';
  alerts: number;
  @ApiProperty({ type: Number, nullable: true })
  f1: number | null;
}

export class BacktestResultDto {
  transactions: number;
  /** Transactions whose alert has a disposition. */
  labelled: number;
  published: BacktestArmDto;
  draft: BacktestArmDto;
  @ApiProperty({ type: BacktestShadowArmDto, nullable: true })
  draftWithShadow: BacktestShadowArmDto | null;
  changedCount: number;
  /** The first 500 transactions whose decision changes, oldest first. */
  @ApiProperty({ type: [BacktestChangeDto] })
  changes: BacktestChangeDto[];
  /** Draft combined scores in ten buckets of 0.1. */
  @ApiProperty({ type: [Number] })
  scoreHistogram: number[];
  @ApiProperty({ type: [ThresholdSuggestionDto] })
  suggestions: ThresholdSuggestionDto[];
}

export class BacktestDto {
  id: string;
  ruleSetId: string;
  @ApiProperty({ type: String, nullable: true })
  shadowModelId: string | null;
  @ApiProperty({ type: String, format: 'date-time' })
  from: string;
  @ApiProperty({ type: String, format: 'date-time' })
  to: string;
  @ApiProperty({ enum: BACKTEST_STATUSES })
  status: BacktestStatus;
  processed: number;
  @ApiProperty({ type: Number, nullable: true })
  total: number | null;
  @ApiProperty({ type: BacktestResultDto, nullable: true })
  result: BacktestResultDto | null;
  @ApiProperty({ type: String, nullable: true })
  error: string | null;
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  completedAt: string | null;
}
