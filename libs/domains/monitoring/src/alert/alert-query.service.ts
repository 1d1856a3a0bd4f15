import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@platform/database';
import type { AlertListQueryDto, AlertPageDto } from './alert.dto.js';
import { AlertRepository } from './alert.repository.js';

const DEFAULT_PAGE = 50;

/** Reads of the alerts raised by review and block decisions. */
@Injectable()
export class AlertQueryService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly alerts: AlertRepository,
  ) {}

  async list(tenantId: string, query: AlertListQueryDto): Promise<AlertPageDto> {
    const limit = query.limit ?? DEFAULT_PAGE;
    const rows = await this.transactions.run(
      (tx) => this.alerts.list(tx, tenantId, { status: query.status, cursor: query.cursor, limit: limit + 1 }),
      { tenantId },
    );
    const page = rows.slice(0, limit);
    return {
      items: page.map((a) => ({
        id: a.id,
        transactionId: a.transactionId,
        decision: a.decision,
        score: a.score,
        reasons: a.reasons,
        status: a.status,
        disposition: a.disposition,
        createdAt: a.createdAt.toISOString(),
      })),
      nextCursor: rows.length > limit ? (page[page.length - 1]?.id ?? null) : null,
    };
  }
}
