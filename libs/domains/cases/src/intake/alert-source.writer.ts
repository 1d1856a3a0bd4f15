import { Injectable } from '@nestjs/common';
import type { Tx } from '@platform/database';
import type { AuditActor } from '@domains/audit';
import { MonitoringAlertFeed } from '@domains/monitoring';
import { HitAdjudicationService } from '@domains/screening';
import type { AlertDisposition } from '../alert/alert.types.js';
import type { CaseAlertEntity } from '../alert/case-alert.entity.js';

/**
 * Writes an alert's disposition back to its source, in the disposition's transaction: the monitoring alert is closed
 * with it (backtests' labels), the screening hit is adjudicated true match / false positive (the tuning report's
 * labels). A KYC review is not completed from here: that is a decision on the customer (approve, reject, exit) made
 * on the customer's page; the alert closes and the review stays open until then. Case deadline alerts have no source
 * to update.
 */
@Injectable()
export class AlertSourceWriter {
  constructor(
    private readonly monitoring: MonitoringAlertFeed,
    private readonly hits: HitAdjudicationService,
  ) {}

  /** Answers what was written back, for the alert's timeline. */
  async writeBack(
    tx: Tx,
    alert: CaseAlertEntity,
    actor: AuditActor,
    disposition: AlertDisposition,
    reasonCode: string,
    note: string | null,
  ): Promise<string> {
    switch (alert.type) {
      case 'transaction': {
        const closed = await this.monitoring.recordDisposition(tx, alert.tenantId, alert.sourceId, disposition);
        return closed ? 'monitoring_alert_closed' : 'monitoring_alert_already_closed';
      }
      case 'screening_hit': {
        const reason = `${alert.reference} ${reasonCode}${note ? `: ${note}` : ''}`;
        await this.hits.adjudicateInTx(
          tx,
          alert.tenantId,
          actor,
          alert.sourceId,
          disposition === 'true_positive' ? 'true_match' : 'false_positive',
          reason,
        );
        return 'screening_hit_adjudicated';
      }
      case 'kyc_review':
      case 'case_deadline':
        return 'none';
    }
  }
}
