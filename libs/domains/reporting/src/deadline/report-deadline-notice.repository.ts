import { Injectable } from '@nestjs/common';
import type { Tx } from '@platform/database';
import { ReportDeadlineNoticeEntity, type ReportNoticeKind } from './report-deadline-notice.entity.js';

/** Every method takes the transaction and the tenant. */
@Injectable()
export class ReportDeadlineNoticeRepository {
  /** Records the notice unless it was already sent; true when this call recorded it. */
  async insertOnce(tx: Tx, tenantId: string, caseId: string, kind: ReportNoticeKind, dueAt: Date): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .insert()
      .into(ReportDeadlineNoticeEntity)
      .values({ tenantId, caseId, kind, dueAt })
      .orIgnore()
      .execute();
    return (result.raw as unknown[]).length > 0;
  }

  listByTenant(tx: Tx, tenantId: string): Promise<ReportDeadlineNoticeEntity[]> {
    return tx.find(ReportDeadlineNoticeEntity, { where: { tenantId }, order: { createdAt: 'DESC' } });
  }
}
