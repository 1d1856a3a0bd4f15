import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsUUID } from 'class-validator';

export class AlertDashboardQueryDto {
  /** Start of the window (inclusive, ISO 8601). Default: 30 days before `to`. */
  @IsOptional()
  @IsISO8601({ strict: true })
  @ApiProperty({ required: false, format: 'date-time' })
  from?: string;

  /** End of the window (exclusive, ISO 8601). Default: now. At most 366 days after `from`. */
  @IsOptional()
  @IsISO8601({ strict: true })
  @ApiProperty({ required: false, format: 'date-time' })
  to?: string;

  /** Only this queue's alerts (cases are never filtered by queue). */
  @IsOptional()
  @IsUUID()
  queueId?: string;
}

export class DayCountDto {
  /** UTC day, `YYYY-MM-DD`. */
  day: string;
  count: number;
}

export class TypeDaySeriesDto {
  type: string;
  total: number;
  perDay: DayCountDto[];
}

export class QueueDaySeriesDto {
  queueId: string;
  /** The queue's name (its id when the queue is gone). */
  queueName: string;
  total: number;
  perDay: DayCountDto[];
}

export class FalsePositiveRateDto {
  /** An alert type, or `all`. */
  type: string;
  disposed: number;
  falsePositives: number;
  /** falsePositives / disposed in [0, 1]; null when nothing was disposed. */
  @ApiProperty({ type: Number, nullable: true })
  rate: number | null;
}

export class TimeToDispositionDto {
  type: string;
  disposed: number;
  /** Minutes from the alert's creation to its disposition. */
  @ApiProperty({ type: Number, nullable: true })
  medianMinutes: number | null;
  @ApiProperty({ type: Number, nullable: true })
  p90Minutes: number | null;
}

export class AnalystThroughputDto {
  analystId: string;
  displayName: string;
  total: number;
  perDay: DayCountDto[];
}

export class StatusCountDto {
  status: string;
  count: number;
}

export class DueDateBucketsDto {
  overdue: number;
  within7Days: number;
  within30Days: number;
  later: number;
}

export class AlertDashboardDto {
  @ApiProperty({ format: 'date-time' })
  from: string;
  @ApiProperty({ format: 'date-time' })
  to: string;
  @ApiProperty({ type: String, nullable: true })
  queueId: string | null;
  /** The UTC days of the window, oldest first (every perDay list has one entry per day). */
  days: string[];
  /** Alerts raised per day, by type. */
  volumesByType: TypeDaySeriesDto[];
  /** Alerts raised per day, by queue. */
  volumesByQueue: QueueDaySeriesDto[];
  /** SLA breaches per day (all queues of the filter). */
  slaBreachesPerDay: DayCountDto[];
  /** SLA breaches per day, by queue. */
  slaBreachesByQueue: QueueDaySeriesDto[];
  /** False positives / disposed alerts per type, over alerts disposed in the window, plus `all`. */
  falsePositiveRates: FalsePositiveRateDto[];
  timeToDisposition: TimeToDispositionDto[];
  /** Dispositions per analyst per day, busiest first. */
  analystThroughput: AnalystThroughputDto[];
  /** Every case of the tenant by current status (not limited to the window). */
  casesByStatus: StatusCountDto[];
  /** Cases with a report due date, by how close it is (now). */
  casesByReportDue: DueDateBucketsDto;
}
