import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ProblemDetails } from '@platform/http';
import { CurrentPrincipal, RequirePermission, actorOf, type Principal } from '@domains/identity';
import { AlertItemDto } from '../alert/alert.dto.js';
import { AlertQueryService } from '../alert/alert-query.service.js';
import { workerOf } from '../alert/alert.controller.js';
import { AlertWorkflowService } from '../alert/alert-workflow.service.js';
import type { CaseQueueEntity } from './case-queue.entity.js';
import { CreateQueueDto, QueueDto, UpdateQueueDto } from './case-queue.dto.js';
import { CaseQueueService } from './case-queue.service.js';

function toQueueDto(q: CaseQueueEntity, counts: QueueDto['counts']): QueueDto {
  return {
    id: q.id,
    name: q.name,
    description: q.description,
    position: q.position,
    routing: q.routing,
    assignment: q.assignment,
    memberIds: q.memberIds,
    slaMinutes: q.slaMinutes,
    idleClaimMinutes: q.idleClaimMinutes,
    counts,
    updatedAt: q.updatedAt.toISOString(),
  };
}

/** Alert queues: routing order and rules, auto-assignment, SLAs; and claim-next. */
@ApiTags('alerts')
@Controller('v1/alert-queues')
export class CaseQueueController {
  constructor(
    private readonly queues: CaseQueueService,
    private readonly workflow: AlertWorkflowService,
    private readonly query: AlertQueryService,
  ) {}

  /** The tenant's queues in routing order with their open, claimed and SLA-breached counts (defaults on first use). */
  @RequirePermission('alerts:read')
  @Get()
  @ApiOkResponse({ type: [QueueDto] })
  async list(@CurrentPrincipal() principal: Principal): Promise<QueueDto[]> {
    return (await this.queues.list(principal.tenantId)).map(({ queue, counts }) => toQueueDto(queue, counts));
  }

  @RequirePermission('queues:manage')
  @Post()
  @ApiOkResponse({ type: QueueDto })
  @ApiConflictResponse({ type: ProblemDetails, description: '`cases/queue_name_taken`' })
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateQueueDto): Promise<QueueDto> {
    const queue = await this.queues.create(principal.tenantId, actorOf(principal), body);
    return toQueueDto(queue, { open: 0, claimed: 0, breached: 0 });
  }

  @RequirePermission('queues:manage')
  @Patch(':queueId')
  @ApiOkResponse({ type: QueueDto })
  @ApiNotFoundResponse({ type: ProblemDetails })
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('queueId', ParseUUIDPipe) queueId: string,
    @Body() body: UpdateQueueDto,
  ): Promise<QueueDto> {
    await this.queues.update(principal.tenantId, actorOf(principal), queueId, body);
    const found = (await this.queues.list(principal.tenantId)).find((q) => q.queue.id === queueId);
    if (!found) throw new Error('updated queue vanished');
    return toQueueDto(found.queue, found.counts);
  }

  /**
   * Claims the caller's next alert in the queue: the most urgent, then the earliest due, skipping alerts another
   * claimer is taking. When none is free: 404 problem `cases/queue_empty`.
   */
  @RequirePermission('alerts:work')
  @Post(':queueId/claim-next')
  @HttpCode(200)
  @ApiOkResponse({ type: AlertItemDto })
  @ApiNotFoundResponse({ type: ProblemDetails, description: '`cases/queue_not_found`, `cases/queue_empty`' })
  async claimNext(
    @CurrentPrincipal() principal: Principal,
    @Param('queueId', ParseUUIDPipe) queueId: string,
  ): Promise<AlertItemDto> {
    const alert = await this.workflow.claimNext(principal.tenantId, workerOf(principal), queueId);
    return (await this.query.toItems(principal.tenantId, [alert]))[0];
  }
}
