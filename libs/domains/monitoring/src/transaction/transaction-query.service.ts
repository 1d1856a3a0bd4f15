import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@platform/database';
import { MonitoringError } from '../monitoring.errors.js';
import type { TransactionDetailDto, TransactionPageDto, TransactionListQueryDto } from './transaction.dto.js';
import type { TransactionEntity } from './transaction.entity.js';
import { TransactionRepository } from './transaction.repository.js';

const DEFAULT_PAGE = 50;

export function transactionDetailOf(t: TransactionEntity): TransactionDetailDto {
  return {
    transactionId: t.id,
    externalId: t.externalId,
    customerId: t.customerId,
    accountId: t.accountId,
    customerRecordId: t.customerRecordId,
    direction: t.direction,
    channel: t.channel,
    amountMinor: t.amountMinor,
    currency: t.currency,
    amountBase: Number(t.amountBase),
    bookedAt: t.bookedAt.toISOString(),
    counterparty: t.counterparty,
    metadata: t.metadata,
    decision: t.decision,
    score: t.score,
    modelScore: t.modelScore,
    reasons: t.reasons,
    firedRules: t.firedRules,
    contributions: t.contributions,
    features: t.features,
    ruleSetVersionId: t.ruleSetVersionId,
    ruleSetVersion: t.ruleSetVersion,
    modelVersionId: t.modelVersionId,
    modelVersion: t.modelVersion,
    shadowScores: t.shadowScores,
    createdAt: t.createdAt.toISOString(),
  };
}

/** Reads of decided transactions for the explorer (transactions:read). */
@Injectable()
export class TransactionQueryService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly repository: TransactionRepository,
  ) {}

  async list(tenantId: string, query: TransactionListQueryDto): Promise<TransactionPageDto> {
    const limit = query.limit ?? DEFAULT_PAGE;
    const rows = await this.transactions.run(
      (tx) =>
        this.repository.list(tx, tenantId, {
          customerId: query.customerId,
          decision: query.decision,
          from: query.from !== undefined ? new Date(query.from) : undefined,
          to: query.to !== undefined ? new Date(query.to) : undefined,
          minScore: query.minScore,
          cursor: query.cursor,
          limit: limit + 1,
        }),
      { tenantId },
    );
    const page = rows.slice(0, limit);
    return {
      items: page.map((t) => ({
        transactionId: t.id,
        externalId: t.externalId,
        customerId: t.customerId,
        accountId: t.accountId,
        direction: t.direction,
        channel: t.channel,
        amountMinor: t.amountMinor,
        currency: t.currency,
        amountBase: Number(t.amountBase),
        bookedAt: t.bookedAt.toISOString(),
        counterpartyName: t.counterparty.name,
        decision: t.decision,
        score: t.score,
        createdAt: t.createdAt.toISOString(),
      })),
      nextCursor: rows.length > limit ? (page[page.length - 1]?.id ?? null) : null,
    };
  }

  /** The tenant's cash transactions booked in [from, to), oldest first (for the reporting domain's CTR scan). */
  async cashBooked(tenantId: string, from: Date, to: Date): Promise<TransactionDetailDto[]> {
    const rows = await this.transactions.run((tx) => this.repository.listCashBooked(tx, tenantId, from, to), {
      tenantId,
    });
    return rows.map(transactionDetailOf);
  }

  async get(tenantId: string, id: string): Promise<TransactionDetailDto> {
    const row = await this.transactions.run((tx) => this.repository.findById(tx, tenantId, id), { tenantId });
    if (!row) throw new MonitoringError('monitoring/not_found', 'not_found', 'No such transaction');
    return transactionDetailOf(row);
  }
}
