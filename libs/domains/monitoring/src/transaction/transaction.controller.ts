import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { ProblemDetails } from '@platform/http';
import { actorOf, CurrentPrincipal, RequirePermission, type Principal } from '@domains/identity';
import { TransactionDecisionService, type IngestionAnswer } from '../decision/transaction-decision.service.js';
import {
  TransactionBatchDto,
  TransactionBatchResultDto,
  TransactionDecisionDto,
  TransactionDetailDto,
  TransactionDto,
  TransactionListQueryDto,
  TransactionPageDto,
} from './transaction.dto.js';
import { TransactionQueryService } from './transaction-query.service.js';

const IDEMPOTENCY_HEADER = {
  name: 'Idempotency-Key',
  required: true,
  description:
    'Required, 1-255 printable characters, one per request: a retry with the same key and body gets the stored answer (with `Idempotent-Replayed: true`); the same key with another body is 422, while the first is still running 409.',
} as const;

@ApiTags('transactions')
@Controller('v1/transactions')
export class TransactionController {
  constructor(
    private readonly decisions: TransactionDecisionService,
    private readonly queries: TransactionQueryService,
  ) {}

  /** Decides one transaction in real time: allow, review or block, with the reasons. */
  @RequirePermission('transactions:ingest')
  @Post()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiCreatedResponse({ type: TransactionDecisionDto })
  @ApiConflictResponse({ type: ProblemDetails, description: 'Key in flight, or the transaction id already decided' })
  @ApiUnprocessableEntityResponse({ type: ProblemDetails, description: 'Key reused, unknown customer, no FX rate' })
  async decide(
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: TransactionDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<unknown> {
    const answer = await this.decisions.ingest(
      { tenantId: principal.tenantId, actor: actorOf(principal) },
      key,
      'transactions.single',
      [body],
      body,
    );
    return this.send(answer, res);
  }

  /** Decides up to 1,000 transactions: validated whole first (nothing is written if one is invalid), answered in order. */
  @RequirePermission('transactions:ingest')
  @Post('batch')
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiCreatedResponse({ type: TransactionBatchResultDto })
  @ApiConflictResponse({ type: ProblemDetails })
  @ApiUnprocessableEntityResponse({ type: ProblemDetails })
  async decideBatch(
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: TransactionBatchDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<unknown> {
    const answer = await this.decisions.ingest(
      { tenantId: principal.tenantId, actor: actorOf(principal) },
      key,
      'transactions.batch',
      body.transactions,
      body,
    );
    return this.send(answer, res);
  }

  /** Decided transactions, newest first, with filters. */
  @RequirePermission('transactions:read')
  @Get()
  @ApiOkResponse({ type: TransactionPageDto })
  list(@CurrentPrincipal() principal: Principal, @Query() query: TransactionListQueryDto): Promise<TransactionPageDto> {
    return this.queries.list(principal.tenantId, query);
  }

  /** One transaction with its features, reasons, contributions and shadow scores. */
  @RequirePermission('transactions:read')
  @Get(':id')
  @ApiOkResponse({ type: TransactionDetailDto })
  @ApiNotFoundResponse({ type: ProblemDetails })
  get(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<TransactionDetailDto> {
    return this.queries.get(principal.tenantId, id);
  }

  private send(answer: IngestionAnswer, res: Response): unknown {
    res.status(answer.status);
    if (answer.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return answer.body;
  }
}
