import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { DecisionReasonDto } from '../transaction/transaction.dto.js';
import { ALERT_STATUSES, type AlertStatus } from './alert.entity.js';

export class AlertListQueryDto {
  @IsOptional()
  @IsIn(ALERT_STATUSES)
  @ApiProperty({ enum: ALERT_STATUSES, required: false })
  status?: AlertStatus;

  /** Page size (default 50). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  @ApiProperty({ required: false, default: 50 })
  limit?: number;

  /** The `nextCursor` of the previous page. */
  @IsOptional()
  @IsUUID()
  @ApiProperty({ required: false })
  cursor?: string;
}

export class AlertDto {
  id: string;
  transactionId: string;
  @ApiProperty({ enum: ['review', 'block'] })
  decision: 'review' | 'block';
  score: number;
  @ApiProperty({ type: [DecisionReasonDto] })
  reasons: DecisionReasonDto[];
  @ApiProperty({ enum: ALERT_STATUSES })
  status: AlertStatus;
  @ApiProperty({ enum: ['true_positive', 'false_positive'], nullable: true })
  disposition: 'true_positive' | 'false_positive' | null;
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
}

export class AlertPageDto {
  @ApiProperty({ type: [AlertDto] })
  items: AlertDto[];
  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}
