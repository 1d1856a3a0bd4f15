import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
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

  /** The notices of these cases, newest first. */
  listByCases(tx: Tx, tenantId: string, caseIds: readonly string[]): Promise<ReportDeadlineNoticeEntity[]> {
    if (caseIds.length === 0) return Promise.resolve([]);
    return tx.find(ReportDeadlineNoticeEntity, {
      where: { tenantId, caseId: In([...caseIds]) },
      order: { createdAt: 'DESC' },
    });
  }
}
