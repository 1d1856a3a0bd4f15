import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

export const CHECK_ENTITY_TYPES = ['individual', 'organisation', 'vessel', 'unknown'] as const;

export class NameCheckDto {
  /**
   * The name to screen, in any script. Invisible characters (zero-width, bidi overrides) and look-alike letters are
   * folded before matching. Empty or blank → 422 `screening/name_empty`; over 10,000 characters → 413
   * `screening/name_too_long`.
   */
  @IsString()
  name: string;

  /** What the name belongs to; a person matched against an organisation scores lower. */
  @IsOptional()
  @IsIn(CHECK_ENTITY_TYPES)
  @ApiProperty({ enum: CHECK_ENTITY_TYPES, required: false })
  entityType?: (typeof CHECK_ENTITY_TYPES)[number];

  /** `YYYY` or `YYYY-MM-DD`: an equal date raises the score, a different one lowers it. */
  @IsOptional()
  @IsString()
  @Matches(/^\d{4}(-\d{2}-\d{2})?$/, { message: 'dateOfBirth must be YYYY or YYYY-MM-DD' })
  dateOfBirth?: string;

  /** ISO 3166 alpha-2 country (nationality or residence): agreement raises the score a little. */
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166 alpha-2 code such as IR' })
  country?: string;

  /** Most hits returned, best first (default 10, at most 100). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  /** Lowest score returned (default: the matcher's threshold). */
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  minScore?: number;
}

export class MatchedTokenDto {
  query: string;
  entry: string;
  similarity: number;
}

export class ScoreAdjustmentDto {
  /** e.g. "date of birth equal" */
  reason: string;
  /** What it added to (positive) or took from (negative) the score. */
  delta: number;
}

/** The matcher's structured explanation of a hit. */
export class MatchExplanationDto {
  /** The entry name or alias that matched best. */
  matchedName: string;
  isAlias: boolean;
  @ApiProperty({ type: [MatchedTokenDto] })
  matchedTokens: MatchedTokenDto[];
  unmatchedQueryTokens: string[];
  unmatchedEntryTokens: string[];
  @ApiProperty({ type: [ScoreAdjustmentDto] })
  adjustments: ScoreAdjustmentDto[];
}

export class CheckHitDto {
  /** `ofac_sdn`, `un_consolidated`, `internal_watchlist` or `pep`. */
  listSource: string;
  /** The list's own id of the entry (OFAC ent_num, UN reference number). */
  entryExternalId: string;
  entryName: string;
  /** The entry name or alias that matched. */
  matchedName: string;
  /** 0..1. */
  score: number;
  /** Why it scored what it did, one line each. */
  explanation: string[];
  details: MatchExplanationDto;
}

export class NameCheckResultDto {
  /** Best first. */
  @ApiProperty({ type: [CheckHitDto] })
  hits: CheckHitDto[];
}
