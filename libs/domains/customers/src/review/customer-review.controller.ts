import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ProblemDetails } from '@platform/http';
import { CurrentPrincipal, RequirePermission, type Principal } from '@domains/identity';
import { CompleteReviewDto, CustomerReviewDto, ReviewListQueryDto } from './customer-review.dto.js';
import type { CustomerReviewEntity } from './customer-review.entity.js';
import { CustomerReviewService } from './customer-review.service.js';

function toReviewDto(r: CustomerReviewEntity): CustomerReviewDto {
  return {
    id: r.id,
    customerId: r.customerId,
    reason: r.reason,
    dueAt: r.dueAt.toISOString(),
    status: r.status,
    assignee: r.assignee,
    createdAt: r.createdAt.toISOString(),
    completedAt: r.completedAt?.toISOString() ?? null,
    completedBy: r.completedBy,
    outcome: r.outcome,
  };
}

/** Review tasks: periodic reviews opened by the schedule, and manual ones. */
@ApiTags('customers')
@Controller('v1/customers/reviews')
export class CustomerReviewController {
  constructor(private readonly reviews: CustomerReviewService) {}

  /** Review tasks, earliest due first (`status=open` for the queue). */
  @RequirePermission('customers:read')
  @Get()
  @ApiOkResponse({ type: [CustomerReviewDto] })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ReviewListQueryDto,
  ): Promise<CustomerReviewDto[]> {
    const reviews = await this.reviews.list(principal.tenantId, {
      limit: query.limit ?? 100,
      ...(query.status ? { status: query.status } : {}),
    });
    return reviews.map(toReviewDto);
  }

  /** Assigns the open review to the caller. */
  @RequirePermission('customers:decide')
  @Post(':reviewId/claim')
  @HttpCode(200)
  @ApiOkResponse({ type: CustomerReviewDto })
  @ApiNotFoundResponse({ type: ProblemDetails })
  @ApiConflictResponse({ type: ProblemDetails, description: '`customers/review_not_open`' })
  async claim(
    @CurrentPrincipal() principal: Principal,
    @Param('reviewId', ParseUUIDPipe) reviewId: string,
  ): Promise<CustomerReviewDto> {
    return toReviewDto(await this.reviews.claim(principal, reviewId, true));
  }

  /** Completes the review by approving the customer again; the next review is scheduled by the rating. */
  @RequirePermission('customers:decide')
  @Post(':reviewId/complete')
  @HttpCode(200)
  @ApiOkResponse({ type: CustomerReviewDto })
  @ApiNotFoundResponse({ type: ProblemDetails })
  @ApiConflictResponse({ type: ProblemDetails, description: '`customers/review_not_open`' })
  async complete(
    @CurrentPrincipal() principal: Principal,
    @Param('reviewId', ParseUUIDPipe) reviewId: string,
    @Body() body: CompleteReviewDto,
  ): Promise<CustomerReviewDto> {
    return toReviewDto(await this.reviews.complete(principal, reviewId, body.reason.trim(), body.edd));
  }
}
