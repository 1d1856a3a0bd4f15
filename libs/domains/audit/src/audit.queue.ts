import { defineQueue } from '@platform/queue';

/** Jobs of the audit domain: the producer/consumer contract. */
export interface AuditJobs {
  /**
   * Anchors the latest checkpoint of every log with every configured anchor that has not anchored it yet (a job
   * scheduler runs it every AUDIT_ANCHOR_INTERVAL_SECONDS). Idempotent: a checkpoint holds one receipt per anchor kind.
   */
  'audit.checkpoints.anchor': Record<string, never>;
}

export const auditQueue = defineQueue<AuditJobs>()('audit');
