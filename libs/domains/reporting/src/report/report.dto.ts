import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
} from 'class-validator';
import { REPORT_FORMATS, type ReportFormat } from '../document/report.document.js';
import {
  REPORT_AMENDMENT_KINDS,
  REPORT_STATUSES,
  type ReportAmendmentKind,
  type ReportStatus,
} from './report.entity.js';

export class CreateReportDto {
  /** The case whose closure decided a report is needed (`sar_needed`). */
  @IsUUID()
  caseId: string;

  /** STR (goAML suspicious transaction report) or SAR (FinCEN or goAML suspicious activity report). */
  @IsIn(['STR', 'SAR'])
  @ApiProperty({ enum: ['STR', 'SAR'] })
  kind: 'STR' | 'SAR';

  /** The formats to generate; default: SAR in the US → fincen-sar + pdf, otherwise goaml + pdf. */
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @IsIn(REPORT_FORMATS, { each: true })
  @ApiPropertyOptional({ enum: REPORT_FORMATS, isArray: true })
  formats?: ReportFormat[];
}

export class ReportListQueryDto {
  @IsOptional()
  @IsIn(REPORT_STATUSES)
  @ApiPropertyOptional({ enum: REPORT_STATUSES })
  status?: ReportStatus;

  @IsOptional()
  @IsIn(['STR', 'SAR', 'CTR'])
  @ApiPropertyOptional({ enum: ['STR', 'SAR', 'CTR'] })
  kind?: 'STR' | 'SAR' | 'CTR';

  /** Only reports due on or before this instant (ISO 8601). */
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/, { message: 'due must be an ISO 8601 date or instant' })
  // The pattern alone lets 2026-02-30 through (read as March 2) and T99:99 (an invalid date): strict refuses both.
  @IsISO8601({ strict: true }, { message: 'due must be an ISO 8601 date or instant' })
  due?: string;
}

export class ReportArtifactDto {
  @ApiProperty({ enum: REPORT_FORMATS })
  format: ReportFormat;
  fileName: string;
  mediaType: string;
  /** SHA-256 (lowercase hex) of the file, as recorded in the audit ledger (`reporting.report.generated`). */
  sha256: string;
  createdAt: string;
}

export class ReportSummaryDto {
  id: string;
  /** `RPT-<yyyy>-<6 digits>`. */
  reference: string;
  @ApiProperty({ enum: ['STR', 'SAR', 'CTR'] })
  kind: 'STR' | 'SAR' | 'CTR';
  @ApiProperty({ enum: REPORT_FORMATS, isArray: true })
  formats: ReportFormat[];
  @ApiProperty({ enum: REPORT_STATUSES })
  status: ReportStatus;
  @ApiProperty({ type: String, nullable: true })
  caseId: string | null;
  @ApiProperty({ type: String, nullable: true })
  caseReference: string | null;
  /** The report this one corrects or amends. */
  @ApiProperty({ type: String, nullable: true })
  amendsReportId: string | null;
  @ApiProperty({ enum: REPORT_AMENDMENT_KINDS, nullable: true })
  amendmentKind: ReportAmendmentKind | null;
  @ApiProperty({ type: String, nullable: true })
  dueAt: string | null;
  @ApiProperty({ type: String, nullable: true })
  determinedAt: string | null;
  /** The FIU's reference (FinCEN BSA ID, goAML reference) once known. */
  @ApiProperty({ type: String, nullable: true })
  filedReference: string | null;
  @ApiProperty({ type: String, nullable: true })
  submittedAt: string | null;
  @ApiProperty({ type: String, nullable: true })
  acknowledgedAt: string | null;
  @ApiProperty({ type: String, nullable: true })
  rejectionReason: string | null;
  @ApiProperty({ type: String, nullable: true })
  approvalRequestId: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export class ReportDto extends ReportSummaryDto {
  /** The editable document content (parties, accounts, transactions, activity, reason, action; see ReportDocument). */
  @ApiProperty({ type: 'object', additionalProperties: true })
  document: Record<string, unknown>;
  narrative: string;
  @ApiProperty({ type: [ReportArtifactDto] })
  artifacts: ReportArtifactDto[];
}

export class ReportsDto {
  @ApiProperty({ type: [ReportSummaryDto] })
  items: ReportSummaryDto[];
}

export class ReportProblemDto {
  /** Path into the document, e.g. `parties[0].birthDate`. */
  path: string;
  message: string;
  @ApiProperty({ enum: REPORT_FORMATS })
  format: ReportFormat;
}

export class ReportValidationDto {
  @ApiProperty({ type: [ReportProblemDto] })
  problems: ReportProblemDto[];
}

export class ReportSubmissionDto {
  /** The four-eyes request a second officer decides through /v1/approvals. */
  approvalRequestId: string;
  contentHash: string;
  expiresAt: string;
}

export class ReportFilingDto {
  /** Only `submitted`: the report went to the FIU. */
  @IsIn(['submitted'])
  @ApiProperty({ enum: ['submitted'] })
  status: 'submitted';

  /** The FIU's reference when it gives one on submission (FinCEN's BSA ID comes with the acknowledgement). */
  @IsOptional()
  @IsString()
  @Length(1, 100)
  filedReference?: string;
}

export class ReportAcknowledgementDto {
  /** The BSA E-Filing acknowledgement XML as FinCEN returned it (no DOCTYPE). */
  @IsString()
  @Length(1, 5_000_000)
  xml: string;
}

export class ReportAmendmentDto {
  /** A correction (an error in the filed report) or an amendment (new information). */
  @IsIn(REPORT_AMENDMENT_KINDS)
  @ApiProperty({ enum: REPORT_AMENDMENT_KINDS })
  kind: ReportAmendmentKind;
}

export class CtrScanDto {
  /** The business day to scan, YYYY-MM-DD in REPORTING_BUSINESS_TIMEZONE. */
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be a day YYYY-MM-DD' })
  date: string;
}

export class CtrScanCreatedDto {
  reportId: string;
  reference: string;
  customerId: string;
}

export class CtrScanResultDto {
  businessDay: string;
  reportable: number;
  @ApiProperty({ type: [CtrScanCreatedDto] })
  created: CtrScanCreatedDto[];
}

export class ReportDeadlineNoticeDto {
  @ApiProperty({ enum: ['reminder', 'overdue', 'continuing_activity_due'] })
  kind: 'reminder' | 'overdue' | 'continuing_activity_due';
  dueAt: string;
  at: string;
}

export class ReportDeadlineDto {
  caseId: string;
  caseReference: string;
  caseTitle: string;
  @ApiProperty({ type: String, nullable: true })
  determinedAt: string | null;
  @ApiProperty({ type: String, nullable: true })
  dueAt: string | null;
  /** Whole days left (negative: overdue); null once filed or without a due date. */
  @ApiProperty({ type: Number, nullable: true })
  daysLeft: number | null;
  /** `no_report` or the status of the case's latest report. */
  status: string;
  @ApiProperty({ type: String, nullable: true })
  reportId: string | null;
  @ApiProperty({ type: String, nullable: true })
  reportReference: string | null;
  overdue: boolean;
  @ApiProperty({ type: String, nullable: true })
  continuingActivityReviewAt: string | null;
  @ApiProperty({ type: [ReportDeadlineNoticeDto] })
  notices: ReportDeadlineNoticeDto[];
}

export class ReportDeadlinesDto {
  @ApiProperty({ type: [ReportDeadlineDto] })
  items: ReportDeadlineDto[];
}
