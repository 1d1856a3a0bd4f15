import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { AUDIT_ACTOR_TYPES, type AuditActorType } from '../ledger/audit-event.types.js';
import { AuditEntryDto } from './audit.dto.js';

/** Entries per search page when `limit` is not given. */
export const AUDIT_SEARCH_DEFAULT_LIMIT = 50;

/** The most entries one search page returns: each entry is decrypted on the way out. */
export const AUDIT_SEARCH_MAX_LIMIT = 200;

export class AuditSearchQueryDto {
  /** Subject type, e.g. `user`, `customer`, `case` (exact match). */
  @IsOptional()
  @IsString()
  @Length(1, 200)
  subjectType?: string;

  /** Subject id (exact match). */
  @IsOptional()
  @IsString()
  @Length(1, 200)
  subjectId?: string;

  /** Actor type. */
  @IsOptional()
  @IsIn(AUDIT_ACTOR_TYPES)
  @ApiProperty({ enum: AUDIT_ACTOR_TYPES, required: false })
  actorType?: AuditActorType;

  /** Actor id: a user id, key id, or system component (exact match). */
  @IsOptional()
  @IsString()
  @Length(1, 200)
  actorId?: string;

  /** Action, e.g. `identity.sign_in.succeeded` (exact match). */
  @IsOptional()
  @IsString()
  @Length(1, 200)
  action?: string;

  /** Entries recorded at or after this time (RFC 3339). */
  @IsOptional()
  @IsISO8601({ strict: true })
  @ApiProperty({ required: false, example: '2026-01-31T00:00:00Z' })
  from?: string;

  /** Entries recorded before this time (RFC 3339, exclusive). */
  @IsOptional()
  @IsISO8601({ strict: true })
  @ApiProperty({ required: false, example: '2026-02-01T00:00:00Z' })
  to?: string;

  /** Entries per page, newest leaf index first (default 50, at most 200). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(AUDIT_SEARCH_MAX_LIMIT)
  limit?: number;

  /** `nextCursor` of the previous page: only entries with a lower leaf index are returned. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  cursor?: number;
}

export class AuditSearchPageDto {
  /** Matching integrated entries, highest leaf index first. */
  @ApiProperty({ type: [AuditEntryDto] })
  entries: AuditEntryDto[];

  /** Pass as `cursor` to get the next page; null when this page is the last. */
  @ApiProperty({ type: Number, nullable: true, example: 1234 })
  nextCursor: number | null;
}
