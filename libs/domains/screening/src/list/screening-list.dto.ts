import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, Min, ValidateNested } from 'class-validator';
import { LIST_DELTA_CHANGES, type ListDeltaChange } from './screening-list-delta.entity.js';
import { LIST_VERSION_STATUSES, type ListVersionStatus } from './screening-list-version.entity.js';
import { LIST_SOURCES, type ListSource } from './screening-list.entity.js';

/** The files of an import as text (JSON body); which ones a source takes is in the route's description. */
export class ListImportFilesDto {
  /** OFAC legacy CSV `sdn.csv` (required for ofac_sdn). */
  @IsOptional()
  @IsString()
  sdn?: string;
  /** OFAC `alt.csv` (aliases). */
  @IsOptional()
  @IsString()
  alt?: string;
  /** OFAC `add.csv` (addresses). */
  @IsOptional()
  @IsString()
  add?: string;
  /** OFAC `sdn_comments.csv`. */
  @IsOptional()
  @IsString()
  comments?: string;
  /** UN consolidated list XML (required for un_consolidated). */
  @IsOptional()
  @IsString()
  xml?: string;
  /** An internal watchlist or PEP list in the documented CSV or JSON format (required for those sources). */
  @IsOptional()
  @IsString()
  list?: string;
}

export class ListImportDto {
  /** The files as text (JSON requests; multipart requests send them as file fields of the same names instead). */
  @IsOptional()
  @ValidateNested()
  @Type(() => ListImportFilesDto)
  files?: ListImportFilesDto;

  /** `csv` (default) or `json`, for internal_watchlist and pep. */
  @IsOptional()
  @IsIn(['csv', 'json'])
  @ApiProperty({ enum: ['csv', 'json'], required: false })
  format?: 'csv' | 'json';
}

export class DeltaQueryDto {
  @IsOptional()
  @IsIn(LIST_DELTA_CHANGES)
  @ApiProperty({ enum: LIST_DELTA_CHANGES, required: false })
  change?: ListDeltaChange;

  /** Default 200, at most 1000. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;
}

export class ListVersionDto {
  id: string;
  listId: string;
  number: number;
  @ApiProperty({ enum: LIST_VERSION_STATUSES })
  status: ListVersionStatus;
  /** 0-100 while importing. */
  progress: number;
  /** queued, parsing, storing, comparing, done or failed. */
  stage: string;
  @ApiProperty({ type: String, nullable: true })
  format: string | null;
  /** SHA-256 of each imported file. */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } })
  fileHashes: Record<string, string>;
  @ApiProperty({ type: Number, nullable: true })
  entryCount: number | null;
  @ApiProperty({ type: Number, nullable: true })
  addedCount: number | null;
  @ApiProperty({ type: Number, nullable: true })
  removedCount: number | null;
  @ApiProperty({ type: Number, nullable: true })
  changedCount: number | null;
  /** Why the import failed (the previous version stays active). */
  @ApiProperty({ type: String, nullable: true })
  error: string | null;
  @ApiProperty({ type: String, nullable: true })
  previousVersionId: string | null;
  requestedBy: string;
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  finishedAt: string | null;
  /** Re-screening of subjects against the added and changed entries: queued, running, done (null: none needed). */
  @ApiProperty({ type: String, nullable: true })
  rescreenStatus: string | null;
  @ApiProperty({ type: Number, nullable: true })
  rescreenProgress: number | null;
}

export class ScreeningListDto {
  id: string;
  @ApiProperty({ enum: LIST_SOURCES })
  source: ListSource;
  name: string;
  @ApiProperty({ type: ListVersionDto, nullable: true })
  activeVersion: ListVersionDto | null;
  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt: string;
}

export class ScreeningListListDto {
  @ApiProperty({ type: [ScreeningListDto] })
  lists: ScreeningListDto[];
}

export class ListVersionListDto {
  @ApiProperty({ type: [ListVersionDto] })
  versions: ListVersionDto[];
}

export class ListDeltaDto {
  @ApiProperty({ enum: LIST_DELTA_CHANGES })
  change: ListDeltaChange;
  externalId: string;
  name: string;
  @ApiProperty({ type: String, nullable: true })
  previousHash: string | null;
  @ApiProperty({ type: String, nullable: true })
  contentHash: string | null;
}

export class ListDeltaPageDto {
  version: ListVersionDto;
  @ApiProperty({ type: [ListDeltaDto] })
  deltas: ListDeltaDto[];
}
