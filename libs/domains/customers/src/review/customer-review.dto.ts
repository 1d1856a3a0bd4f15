import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { ApproveCustomerDto } from '../customer/customer.dto.js';
import { REVIEW_STATUSES, type ReviewStatus } from './customer-review.entity.js';

export class ReviewListQueryDto {
  @IsOptional()
  @ApiPropertyOptional({ enum: REVIEW_STATUSES })
  @IsIn(REVIEW_STATUSES)
  status?: ReviewStatus;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number = 100;
}

/** Completing a review approves the customer again (same rules as approving). */
export class CompleteReviewDto extends ApproveCustomerDto {}

export class CustomerReviewDto {
  id: string;
  customerId: string;
  /** `periodic`, `manual` or `profile_change`. */
  reason: string;
  @ApiProperty({ type: String, format: 'date-time' })
  dueAt: string;
  @ApiProperty({ enum: REVIEW_STATUSES })
  status: ReviewStatus;
  @ApiProperty({ type: String, nullable: true })
  assignee: string | null;
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  completedAt: string | null;
  @ApiProperty({ type: String, nullable: true })
  completedBy: string | null;
  @ApiProperty({ type: String, nullable: true })
  outcome: string | null;
}
