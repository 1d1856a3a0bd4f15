import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CASE_NOTE_MAX_CHARS } from './case-note.entity.js';
import { CASE_SUBJECT_TYPES, type CaseSubjectType } from './case-subject.entity.js';
import {
  CASE_DISPOSITIONS,
  CASE_PRIORITIES,
  CASE_STATUSES,
  type CaseDisposition,
  type CasePriority,
  type CaseStatus,
} from './case.entity.js';

const MAX_LINKS = 100;

export class CaseSubjectInputDto {
  @ApiProperty({ enum: CASE_SUBJECT_TYPES })
  @IsIn(CASE_SUBJECT_TYPES)
  type: CaseSubjectType;

  /** A customer id, an account id, or a counterparty key (IBAN, account number or normalised name). */
  @IsString()
  @Length(1, 200)
  id: string;

  @IsString()
  @Length(1, 300)
  label: string;
}

export class CreateCaseDto {
  @IsString()
  @Length(1, 300)
  title: string;

  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  description?: string;

  @IsOptional()
  @ApiPropertyOptional({ enum: CASE_PRIORITIES })
  @IsIn(CASE_PRIORITIES)
  priority?: CasePriority;

  /** Alerts to escalate into the case (they become `escalated`; their subjects and transactions join the case). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_LINKS)
  @IsUUID('all', { each: true })
  alertIds?: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_LINKS)
  @ValidateNested({ each: true })
  @Type(() => CaseSubjectInputDto)
  subjects?: CaseSubjectInputDto[];

  /** Monitoring transactions of the tenant. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_LINKS)
  @IsUUID('all', { each: true })
  transactionIds?: string[];
}

export class UpdateCaseDto {
  @IsOptional()
  @IsString()
  @Length(1, 300)
  title?: string;

  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  description?: string;

  @IsOptional()
  @ApiPropertyOptional({ enum: CASE_PRIORITIES })
  @IsIn(CASE_PRIORITIES)
  priority?: CasePriority;

  /** A user of the tenant; null unassigns. */
  @IsOptional()
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsUUID()
  assigneeId?: string | null;

  /** Starts the investigation of an open case. */
  @IsOptional()
  @ApiPropertyOptional({ enum: ['investigating'] })
  @IsIn(['investigating'])
  status?: 'investigating';
}

export class LinkAlertsDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LINKS)
  @IsUUID('all', { each: true })
  alertIds: string[];
}

export class AddSubjectsDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LINKS)
  @ValidateNested({ each: true })
  @Type(() => CaseSubjectInputDto)
  subjects: CaseSubjectInputDto[];
}

export class AddTransactionsDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LINKS)
  @IsUUID('all', { each: true })
  transactionIds: string[];
}

export class AddNoteDto {
  /** Plain text, stored exactly as written and shown as text (never rendered as markup). */
  @IsString()
  @Length(1, CASE_NOTE_MAX_CHARS)
  body: string;
}

export class CloseRequestDto {
  @ApiProperty({ enum: CASE_DISPOSITIONS })
  @IsIn(CASE_DISPOSITIONS)
  disposition: CaseDisposition;

  /** The closing summary (the starting point of a report's narrative). */
  @IsString()
  @Length(1, 20_000)
  summary: string;

  /** ISO 3166-1 alpha-2 code whose reporting deadline applies; CASES_DEFAULT_JURISDICTION when omitted. */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toUpperCase() : value))
  @IsString()
  @Matches(/^[A-Z]{2}$/, { message: 'jurisdiction must be an ISO 3166-1 alpha-2 code' })
  jurisdiction?: string;

  /** Whether a suspect is identified (no suspect: the longer deadline). Defaults to true. */
  @IsOptional()
  @IsBoolean()
  suspectIdentified?: boolean;
}

export class CaseListQueryDto {
  @IsOptional()
  @ApiPropertyOptional({ enum: CASE_STATUSES })
  @IsIn(CASE_STATUSES)
  status?: CaseStatus;

  /** `me`, or a user id. */
  @IsOptional()
  @IsString()
  @Matches(/^(me|[0-9a-fA-F-]{36})$/, { message: 'assignee must be me or a user id' })
  assignee?: string;

  /** Only cases whose report is overdue (true) or not (false). */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;

  /** Part of the reference or the title. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number = 50;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number = 0;
}

export class CaseSummaryDto {
  id: string;
  reference: string;
  title: string;
  @ApiProperty({ enum: CASE_STATUSES })
  status: CaseStatus;
  @ApiProperty({ enum: CASE_PRIORITIES })
  priority: CasePriority;
  assigneeId: string | null;
  alertCount: number;
  subjectCount: number;
  transactionCount: number;
  noteCount: number;
  attachmentCount: number;
  reportDueAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export class CasePageDto {
  items: CaseSummaryDto[];
  total: number;
}

export class CaseDto {
  id: string;
  reference: string;
  title: string;
  description: string | null;
  @ApiProperty({ enum: CASE_STATUSES })
  status: CaseStatus;
  @ApiProperty({ enum: CASE_PRIORITIES })
  priority: CasePriority;
  assigneeId: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  @ApiProperty({ enum: CASE_DISPOSITIONS, nullable: true })
  closeDisposition: CaseDisposition | null;
  closeSummary: string | null;
  jurisdiction: string | null;
  suspectIdentified: boolean | null;
  closeRequestedBy: string | null;
  closeRequestedAt: string | null;
  /** The approver of the closure. */
  closedBy: string | null;
  closedAt: string | null;
  /** When the `sar_needed` determination became final: the regulatory clock starts here. */
  determinedAt: string | null;
  reportDueAt: string | null;
}

export class CaseSubjectDto {
  @ApiProperty({ enum: CASE_SUBJECT_TYPES })
  type: CaseSubjectType;
  id: string;
  label: string;
  addedBy: string;
  addedAt: string;
}

export class CaseTransactionDto {
  transactionId: string;
  addedBy: string;
  addedAt: string;
}

export class CaseLinkedAlertDto {
  id: string;
  reference: string;
  type: string;
  title: string;
  status: string;
  disposition: string | null;
  reasonCode: string | null;
}

export class CaseNoteDto {
  id: string;
  /** Exactly as written: plain text. */
  body: string;
  authorId: string;
  createdAt: string;
}

export class CaseAttachmentDto {
  id: string;
  fileName: string;
  /** Decided from the bytes at upload. */
  mediaType: string;
  sizeBytes: number;
  /** SHA-256 of the bytes, hex. */
  sha256: string;
  uploadedBy: string;
  createdAt: string;
}

export class CaseEventDto {
  at: string;
  /** `user:<id>`, `key:<id>` or `system:<component>`. */
  actor: string;
  action: string;
  details: Record<string, unknown>;
}

export class CaseDetailDto {
  case: CaseDto;
  subjects: CaseSubjectDto[];
  transactions: CaseTransactionDto[];
  alerts: CaseLinkedAlertDto[];
  notes: CaseNoteDto[];
  attachments: CaseAttachmentDto[];
  timeline: CaseEventDto[];
  /** The pending closure approval request, if any. */
  pendingApprovalId: string | null;
}

export class CaseCloseRequestedDto {
  case: CaseDto;
  approval: { id: string; contentHash: string; status: 'pending'; expiresAt: string };
}
