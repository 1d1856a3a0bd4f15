import { Injectable } from '@nestjs/common';
import { AuditCheckpointRepository, type StoredCheckpoint } from '../checkpoint/audit-checkpoint.repository.js';
import { AuditLogRepository } from '../ledger/audit-log.repository.js';
import { AnchorReceiptRepository, type StoredAnchorReceipt } from './anchor-receipt.repository.js';

/** Most rows one history request returns. */
export const AUDIT_HISTORY_LIMIT = 1_000;

/** A tenant's checkpoint and anchor history, for the api and the admin UI. A tenant with no log yet has none. */
@Injectable()
export class AnchorHistoryService {
  constructor(
    private readonly logs: AuditLogRepository,
    private readonly checkpointStore: AuditCheckpointRepository,
    private readonly receiptStore: AnchorReceiptRepository,
  ) {}

  /** The tenant's anchor receipts, newest checkpoint first; only those of the checkpoint of `treeSize` if given. */
  async receipts(tenantId: string, options: { treeSize?: number; limit: number }): Promise<StoredAnchorReceipt[]> {
    const log = await this.logs.findByTenant(tenantId);
    if (!log) return [];
    return this.receiptStore.listForLog(log.id, { treeSize: options.treeSize, limit: options.limit });
  }

  /** The tenant's newest `limit` checkpoints, newest first. */
  async checkpoints(tenantId: string, limit: number): Promise<StoredCheckpoint[]> {
    const log = await this.logs.findByTenant(tenantId);
    if (!log) return [];
    return this.checkpointStore.recent(log.id, limit);
  }
}
