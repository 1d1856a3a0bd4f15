import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  Max,
} from 'class-validator';
import {
  ALERT_DISPOSITIONS,
  ALERT_PRIORITIES,
  ALERT_STATUSES,
  ALERT_TYPES,
  type AlertDisposition,
  type AlertPriority,
  type AlertStatus,
  type AlertType,
} from './alert.types.js';

export class AlertListQueryDto {
  @IsOptional()
  @IsUUID()
  @ApiPropertyOptional()
  queueId?: string;

  /** One status, or `active` for the work still to do (open or claimed). */
  @IsOptional()
  @IsIn([...ALERT_STATUSES, 'active'])
  @ApiPropertyOptional({ enum: [...ALERT_STATUSES, 'active'] })
  status?: AlertStatus | 'active';

  @IsOptional()
  @IsIn(ALERT_TYPES)
  @ApiPropertyOptional({ enum: ALERT_TYPES })
  type?: AlertType;

  /** `me`, `none` (unassigned) or a user id. */
  @IsOptional()
  @Matches(/^(me|none|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, {
    message: 'assignee must be me, none or a user id',
  })
  @ApiPropertyOptional({ description: '`me`, `none` (unassigned) or a user id' })
  assignee?: string;

  @IsOptional()
  @IsIn(ALERT_PRIORITIES)
  @ApiPropertyOptional({ enum: ALERT_PRIORITIES })
  priority?: AlertPriority;

  /** Only alerts past their SLA (`true`) or not (`false`). */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  @ApiPropertyOptional()
  breached?: boolean;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  @ApiPropertyOptional()
  customerId?: string;

  @IsOptional()
  @IsIn(['priority', 'slaDueAt', 'createdAt'])
  @ApiPropertyOptional({ enum: ['priority', 'slaDueAt', 'createdAt'], default: 'priority' })
  sort?: 'priority' | 'slaDueAt' | 'createdAt';

  @IsOptional()
  @IsIn(['asc', 'desc'])
  @ApiPropertyOptional({
    enum: ['asc', 'desc'],
    description: 'Default: asc for priority and slaDueAt, desc for createdAt',
  })
  order?: 'asc' | 'desc';

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  @ApiPropertyOptional({ default: 50 })
  limit?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @ApiPropertyOptional({ default: 0 })
  offset?: number;
}

export class AlertSubjectDto {
  @ApiProperty({ enum: ['customer', 'counterparty', 'account', 'case'] })
  type: string;
  id: string;
  label: string;
}

export class AlertQueueRefDto {
  id: string;
  name: string;
}

export class AlertAssigneeDto {
  id: string;
  @ApiProperty({ type: String, nullable: true })
  displayName: string | null;
}

export class AlertItemDto {
  id: string;
  /** `ALR-000001`. */
  reference: string;
  @ApiProperty({ enum: ALERT_TYPES })
  type: AlertType;
  title: string;
  @ApiProperty({ type: AlertSubjectDto })
  subject: AlertSubjectDto;
  /** The Verity customer id, when the source knows it. */
  @ApiProperty({ type: String, nullable: true })
  customerId: string | null;
  @ApiProperty({ type: String, nullable: true })
  transactionId: string | null;
  @ApiProperty({ enum: ALERT_PRIORITIES })
  priority: AlertPriority;
  @ApiProperty({ type: Number, nullable: true })
  score: number | null;
  @ApiProperty({ type: AlertQueueRefDto })
  queue: AlertQueueRefDto;
  @ApiProperty({ enum: ALERT_STATUSES })
  status: AlertStatus;
  @ApiProperty({ type: AlertAssigneeDto, nullable: true })
  assignee: AlertAssigneeDto | null;
  @ApiProperty({ type: String, format: 'date-time' })
  slaDueAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  slaBreachedAt: string | null;
  escalationLevel: number;
  @ApiProperty({ enum: ALERT_DISPOSITIONS, nullable: true })
  disposition: AlertDisposition | null;
  @ApiProperty({ type: String, nullable: true })
  reasonCode: string | null;
  @ApiProperty({ type: String, nullable: true })
  caseId: string | null;
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
}

export class AlertPageDto {
  @ApiProperty({ type: [AlertItemDto] })
  items: AlertItemDto[];
  total: number;
}

export class AlertEventDto {
  @ApiProperty({ type: String, format: 'date-time' })
  at: string;
  /** `user:<id>` or `system:<component>`. */
  actor: string;
  action: string;
  @ApiProperty({ type: 'object', additionalProperties: true })
  details: Record<string, unknown>;
}

export class AlertDetailDto extends AlertItemDto {
  /** The source's evidence: decision, reasons and contributions / hit explanation / review. */
  @ApiProperty({ type: 'object', additionalProperties: true })
  details: Record<string, unknown>;
  @ApiProperty({ type: String, nullable: true })
  dispositionNote: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  disposedAt: string | null;
  @ApiProperty({ type: String, nullable: true })
  disposedBy: string | null;
  @ApiProperty({ type: [AlertEventDto] })
  events: AlertEventDto[];
  /** Other open or claimed alerts about the same subject (candidates to close together). */
  @ApiProperty({ type: [AlertItemDto] })
  related: AlertItemDto[];
}

export class AlertDispositionDto {
  @IsIn(ALERT_DISPOSITIONS)
  @ApiProperty({ enum: ALERT_DISPOSITIONS })
  disposition: AlertDisposition;

  /** One of ALERT_REASON_CODES[disposition], e.g. `fp_legitimate_activity`, `tp_suspicious_activity`. */
  @IsString()
  @MaxLength(64)
  reasonCode: string;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  @ApiPropertyOptional()
  note?: string;

  /** Alerts to close together with the same disposition (open, or claimed by the caller). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  @ApiPropertyOptional({ type: [String] })
  relatedAlertIds?: string[];
}

export class AlertDispositionResultDto {
  /** The alert and the related alerts closed with it. */
  @ApiProperty({ type: [AlertItemDto] })
  closed: AlertItemDto[];
}
