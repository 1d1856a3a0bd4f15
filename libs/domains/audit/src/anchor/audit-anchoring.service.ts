import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditPublicationFailureRepository } from '../monitoring/audit-publication-failure.repository.js';
import { TenantContext } from '@platform/database';
import { AnchorReceiptRepository, type CheckpointToAnchor } from './anchor-receipt.repository.js';
import type { AuditAnchor } from './audit-anchor.types.js';
import { AUDIT_ANCHORS } from './audit-anchoring.provider.js';

export interface AnchoringSummary {
  /** Receipts stored by this run. */
  readonly anchored: number;
  /** Anchor calls that failed (each counted, and retried by the next run). */
  readonly failed: number;
}

/**
 * Anchors the latest checkpoint of every log with every configured anchor that has not anchored it yet. Anchors are
 * independent: one failing is counted for its kind and retried on the next run, and holds back neither the other
 * anchors nor the log. Idempotent: the receipts table keeps one receipt per (log, checkpoint size, kind).
 */
@Injectable()
export class AuditAnchoringService {
  private readonly logger = new Logger('AuditAnchoring');

  constructor(
    @Inject(AUDIT_ANCHORS) private readonly anchors: readonly AuditAnchor[],
    private readonly receipts: AnchorReceiptRepository,
    private readonly failures: AuditPublicationFailureRepository,
  ) {}

  get kinds(): string[] {
    return this.anchors.map(({ kind }) => kind);
  }

  async anchorPending(): Promise<AnchoringSummary> {
    let anchored = 0;
    let failed = 0;
    for (const checkpoint of await this.receipts.checkpointsToAnchor(this.kinds)) {
      // Receipts and failure counters are written as the log's tenant (row-level security).
      const outcome = await TenantContext.run(checkpoint.tenantId, () => this.anchorCheckpoint(checkpoint));
      anchored += outcome.anchored;
      failed += outcome.failed;
    }
    return { anchored, failed };
  }

  private async anchorCheckpoint(checkpoint: CheckpointToAnchor): Promise<AnchoringSummary> {
    let anchored = 0;
    let failed = 0;
    const missing = this.anchors.filter(({ kind }) => !checkpoint.anchoredKinds.includes(kind));
    const outcomes = await Promise.allSettled(
      missing.map((anchor) =>
        anchor.anchor({ origin: checkpoint.origin, size: checkpoint.treeSize, noteText: checkpoint.note }),
      ),
    );
    for (const [i, outcome] of outcomes.entries()) {
      const { kind } = missing[i];
      if (outcome.status === 'fulfilled') {
        const stored = await this.receipts.insert({
          logId: checkpoint.logId,
          treeSize: checkpoint.treeSize,
          kind,
          receipt: outcome.value,
        });
        if (stored) anchored += 1;
        await this.failures.recordSuccess(checkpoint.logId, 'anchor', kind);
      } else {
        failed += 1;
        const reason: unknown = outcome.reason;
        const message = reason instanceof Error ? reason.message : String(reason);
        this.logger.warn(
          `audit log ${checkpoint.origin}: ${kind} anchor of checkpoint ${checkpoint.treeSize} failed (${message})`,
        );
        await this.failures.recordFailure(checkpoint.logId, 'anchor', kind, message);
      }
    }
    return { anchored, failed };
  }
}
