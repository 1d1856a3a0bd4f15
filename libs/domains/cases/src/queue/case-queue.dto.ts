import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  ALERT_PRIORITIES,
  ALERT_SEGMENTS,
  ALERT_TYPES,
  type AlertPriority,
  type AlertSegment,
  type AlertType,
} from '../alert/alert.types.js';
import { QUEUE_ASSIGNMENTS, type QueueAssignment } from './case-queue.entity.js';

export class QueueRoutingDto {
  @IsOptional()
  @IsArray()
  @IsIn(ALERT_TYPES, { each: true })
  @ApiPropertyOptional({ enum: ALERT_TYPES, isArray: true })
  types?: AlertType[];

  /** The least urgent priority the queue takes. */
  @IsOptional()
  @IsIn(ALERT_PRIORITIES)
  @ApiPropertyOptional({ enum: ALERT_PRIORITIES })
  minPriority?: AlertPriority;

  @IsOptional()
  @IsArray()
  @IsIn(ALERT_SEGMENTS, { each: true })
  @ApiPropertyOptional({ enum: ALERT_SEGMENTS, isArray: true })
  segments?: AlertSegment[];
}

export class QueueSlaDto {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(525_600)
  critical: number;
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(525_600)
  high: number;
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(525_600)
  medium: number;
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(525_600)
  low: number;
}

export class UpdateQueueDto {
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @ApiPropertyOptional()
  name?: string;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  @ApiPropertyOptional({ type: String, nullable: true })
  description?: string | null;

  /** Routing order (lower first). */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  @ApiPropertyOptional()
  position?: number;

  @IsOptional()
  @ValidateNested()
  @Type(() => QueueRoutingDto)
  @ApiPropertyOptional({ type: QueueRoutingDto })
  routing?: QueueRoutingDto;

  @IsOptional()
  @IsIn(QUEUE_ASSIGNMENTS)
  @ApiPropertyOptional({ enum: QUEUE_ASSIGNMENTS })
  assignment?: QueueAssignment;

  /** Users auto-assignment may pick; each must hold alerts:work. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  @ApiPropertyOptional({ type: [String] })
  memberIds?: string[];

  @IsOptional()
  @ValidateNested()
  @Type(() => QueueSlaDto)
  @ApiPropertyOptional({ type: QueueSlaDto })
  slaMinutes?: QueueSlaDto;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_080)
  @ApiPropertyOptional()
  idleClaimMinutes?: number;
}

/** A new queue: `name` is required (400 cases/queue_invalid without it); the rest defaults (manual, config SLAs). */
export class CreateQueueDto extends UpdateQueueDto {}

export class QueueCountsDto {
  open: number;
  claimed: number;
  breached: number;
}

export class QueueDto {
  id: string;
  name: string;
  @ApiProperty({ type: String, nullable: true })
  description: string | null;
  position: number;
  @ApiProperty({ type: QueueRoutingDto })
  routing: QueueRoutingDto;
  @ApiProperty({ enum: QUEUE_ASSIGNMENTS })
  assignment: QueueAssignment;
  @ApiProperty({ type: [String] })
  memberIds: string[];
  @ApiProperty({ type: QueueSlaDto })
  slaMinutes: QueueSlaDto;
  idleClaimMinutes: number;
  @ApiProperty({ type: QueueCountsDto })
  counts: QueueCountsDto;
  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt: string;
}
