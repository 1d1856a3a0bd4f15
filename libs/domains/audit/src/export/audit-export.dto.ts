import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsObject, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { AUDIT_EXPORT_STATUSES, type AuditExportStatus } from './audit-export.entity.js';

const MAX_INDEX = Number.MAX_SAFE_INTEGER;

export class AuditExportSubjectDto {
  /** The data subject's type, lower snake_case, as recorded in the entries (`customer`, `user`, …). */
  @IsString()
  @Length(1, 60)
  @Matches(/^[a-z][a-z0-9_]*$/, { message: 'type must be lower snake_case' })
  @ApiProperty({ example: 'customer' })
  type: string;

  /** The data subject's id, as recorded in the entries. */
  @IsString()
  @Length(1, 200)
  @ApiProperty({ example: '3f2a0c1e-5b7d-4e59-9a8e-0c1d2e3f4a5b' })
  id: string;
}

/** Either `subject`, or `from` and `to`: the same selections as `verity audit export`. */
export class CreateAuditExportDto {
  /** Every entry about one data subject that the latest checkpoint covers. */
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AuditExportSubjectDto)
  subject?: AuditExportSubjectDto;

  /** First leaf index of an index range. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_INDEX)
  from?: number;

  /** Index after the last one of the range (exclusive), within the latest checkpoint. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_INDEX)
  to?: number;
}

export class AuditExportsQueryDto {
  /** How many exports to return at most (newest first). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number = 50;
}

export class AuditExportCreatedDto {
  id: string;

  @ApiProperty({ enum: AUDIT_EXPORT_STATUSES, example: 'queued' })
  status: AuditExportStatus;
}

export class AuditExportSelectionDto {
  /** Set for a subject's pack. */
  @ApiPropertyOptional({ type: AuditExportSubjectDto })
  subject?: AuditExportSubjectDto;

  /** Set for an index range: its first index. */
  from?: number;

  /** Set for an index range: the index after its last (exclusive). */
  to?: number;
}

export class AuditExportRequesterDto {
  /** `user` or `key`. */
  @ApiProperty({ example: 'user' })
  type: string;

  id: string;
}

export class AuditExportProgressDto {
  /** Entries whose inclusion proofs are built. */
  done: number;

  /** Entries in the pack; null until the worker has selected them. */
  @ApiProperty({ type: Number, nullable: true, example: 1200 })
  total: number | null;
}

export class AuditExportDto {
  id: string;

  /** `queued` → `running` → `succeeded` (the pack can be downloaded) or `failed` (see `error`). */
  @ApiProperty({ enum: AUDIT_EXPORT_STATUSES, example: 'running' })
  status: AuditExportStatus;

  selection: AuditExportSelectionDto;

  requestedBy: AuditExportRequesterDto;

  progress: AuditExportProgressDto;

  /** Why the export failed: the problem's code and message. */
  @ApiProperty({ type: String, nullable: true, example: null })
  error: string | null;

  /** Lowercase hex SHA-256 of the `.tar.gz`, once succeeded (compare with `sha256sum`). */
  @ApiProperty({ type: String, nullable: true, example: null })
  sha256: string | null;

  /** Size of the `.tar.gz` in bytes, once succeeded. */
  @ApiProperty({ type: Number, nullable: true, example: null })
  size: number | null;

  /** The `audit.export.created` entry recorded for the pack, once succeeded. */
  @ApiProperty({ type: String, nullable: true, example: null })
  recordedEntryId: string | null;

  /** When it was requested (ISO 8601). */
  createdAt: string;

  @ApiProperty({ type: String, nullable: true, example: null })
  startedAt: string | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  finishedAt: string | null;
}

export class AuditExportsDto {
  /** The tenant's exports, newest first. */
  exports: AuditExportDto[];
}
