import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { MatchExplanationDto } from '../check/name-check.dto.js';
import { SUBJECT_KINDS } from '../subject/screening-subject.entity.js';
import { HIT_STATUSES, type HitStatus } from './screening-hit.entity.js';

export const HIT_DECISIONS = ['true_match', 'false_positive'] as const;

export class HitListQueryDto {
  @IsOptional()
  @IsIn(HIT_STATUSES)
  @ApiProperty({ enum: HIT_STATUSES, required: false })
  status?: HitStatus;

  @IsOptional()
  @IsIn(SUBJECT_KINDS)
  @ApiProperty({ enum: SUBJECT_KINDS, required: false })
  subjectKind?: (typeof SUBJECT_KINDS)[number];

  /** Hits of this customer (its own and its related parties' and counterparties'). */
  @IsOptional()
  @IsString()
  @Length(1, 200)
  customerId?: string;

  /** Hits of this subject (the owning domain's id). */
  @IsOptional()
  @IsString()
  @Length(1, 200)
  subjectId?: string;

  /** Most hits returned, best score first (default 100, at most 500). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class AdjudicateHitDto {
  @IsIn(HIT_DECISIONS)
  @ApiProperty({ enum: HIT_DECISIONS })
  decision: (typeof HIT_DECISIONS)[number];

  /** Why: recorded in the audit ledger with the decision. */
  @IsString()
  @Length(1, 2000)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason: string;
}

export class HitExplanationDto {
  summary: string[];
  details: MatchExplanationDto;
}

export class ScreeningHitViewDto {
  id: string;
  /** `customer`, `related_party` or `counterparty`. */
  subjectKind: string;
  subjectId: string;
  @ApiProperty({ type: String, nullable: true })
  customerId: string | null;
  listSource: string;
  entryExternalId: string;
  entryName: string;
  matchedName: string;
  score: number;
  explanation: HitExplanationDto;
  @ApiProperty({ enum: HIT_STATUSES })
  status: HitStatus;
  @ApiProperty({ type: String, nullable: true })
  adjudicationReason: string | null;
  /** `user:<id>` of who decided. */
  @ApiProperty({ type: String, nullable: true })
  adjudicatedBy: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  adjudicatedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
}

export class ScreeningHitListDto {
  @ApiProperty({ type: [ScreeningHitViewDto] })
  hits: ScreeningHitViewDto[];
}

export class ScreeningHitDetailDto extends ScreeningHitViewDto {
  /** The subject as last screened (name, aliases, date of birth, nationalities, identifiers...). */
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  subject: Record<string, unknown> | null;
  /** The list entry as parsed from the list version the hit was found in. */
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  entry: Record<string, unknown> | null;
}
