import { Injectable } from '@nestjs/common';
import { Brackets } from 'typeorm';
import type { Tx } from '@platform/database';
import { ApprovalRequestEntity, type ApprovalStatus } from './approval-request.entity.js';

export type NewApprovalRequest = Pick<
  ApprovalRequestEntity,
  | 'tenantId'
  | 'kind'
  | 'subjectType'
  | 'subjectId'
  | 'content'
  | 'contentHash'
  | 'requestedBy'
  | 'requiredPermission'
  | 'expiresAt'
>;

export interface ApprovalListFilter {
  /** `to_approve`: pending, unexpired requests of others, naming a permission in `permissions`, not about me. */
  readonly box: 'to_approve' | 'mine' | 'all';
  readonly userId: string;
  readonly permissions: readonly string[];
  readonly status?: ApprovalStatus;
  readonly limit: number;
}

/** Every method takes the transaction and the tenant: approvals are read and written only inside a tenant's tx. */
@Injectable()
export class ApprovalRequestRepository {
  /**
   * Serialises requests for one kind and subject until the transaction ends, so two concurrent requests cannot both
   * find "no pending request" and collide on the one-pending index.
   */
  async lockSubject(tx: Tx, tenantId: string, kind: string, subjectType: string, subjectId: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
      `approval_requests:${tenantId}:${kind}:${subjectType}:${subjectId}`,
    ]);
  }

  findPendingForSubjectForUpdate(
    tx: Tx,
    tenantId: string,
    kind: string,
    subjectType: string,
    subjectId: string,
  ): Promise<ApprovalRequestEntity | null> {
    return tx
      .createQueryBuilder(ApprovalRequestEntity, 'a')
      .setLock('pessimistic_write')
      .where('a.tenantId = :tenantId AND a.kind = :kind AND a.subjectType = :subjectType', {
        tenantId,
        kind,
        subjectType,
      })
      .andWhere(`a.subjectId = :subjectId AND a.status = 'pending'`, { subjectId })
      .getOne();
  }

  async insert(tx: Tx, request: NewApprovalRequest): Promise<ApprovalRequestEntity> {
    return tx.save(tx.create(ApprovalRequestEntity, { ...request, status: 'pending' }));
  }

  findById(tx: Tx, tenantId: string, id: string): Promise<ApprovalRequestEntity | null> {
    return tx.findOneBy(ApprovalRequestEntity, { tenantId, id });
  }

  /** The request, locked until the transaction ends: deciding it is serialised, so exactly one decision wins. */
  findByIdForUpdate(tx: Tx, tenantId: string, id: string): Promise<ApprovalRequestEntity | null> {
    return tx
      .createQueryBuilder(ApprovalRequestEntity, 'a')
      .setLock('pessimistic_write')
      .where('a.tenantId = :tenantId AND a.id = :id', { tenantId, id })
      .getOne();
  }

  /** Records the decision; only a pending request can be decided (the caller holds its lock). */
  async decide(
    tx: Tx,
    tenantId: string,
    id: string,
    decision: { status: Exclude<ApprovalStatus, 'pending'>; decidedBy: string; reason: string | null },
  ): Promise<Date> {
    const [rows]: [{ decided_at: Date }[], number] = await tx.query(
      `UPDATE approval_requests SET status = $3, decided_by = $4, decided_at = now(), decision_reason = $5
        WHERE tenant_id = $1 AND id = $2 AND status = 'pending'
      RETURNING decided_at`,
      [tenantId, id, decision.status, decision.decidedBy, decision.reason],
    );
    const row = rows[0];
    if (!row) throw new Error(`approval request ${id} was not pending when decided (its lock was not held)`);
    return row.decided_at;
  }

  list(tx: Tx, tenantId: string, filter: ApprovalListFilter): Promise<ApprovalRequestEntity[]> {
    const query = tx
      .createQueryBuilder(ApprovalRequestEntity, 'a')
      .where('a.tenantId = :tenantId', { tenantId })
      .orderBy('a.requestedAt', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .limit(filter.limit);
    if (filter.status) query.andWhere('a.status = :status', { status: filter.status });
    switch (filter.box) {
      case 'mine':
        query.andWhere('a.requestedBy = :userId', { userId: filter.userId });
        break;
      case 'to_approve':
        query
          .andWhere(`a.status = 'pending' AND a.expiresAt > now()`)
          .andWhere('a.requestedBy <> :userId', { userId: filter.userId })
          .andWhere('a.requiredPermission IN (:...permissions)', {
            permissions: filter.permissions.length > 0 ? filter.permissions : [''],
          })
          .andWhere(
            new Brackets((b) => {
              // A separate parameter: subject_id is text, requested_by uuid, and one $n cannot be both.
              b.where(`a.subjectType <> 'user'`).orWhere('a.subjectId <> :subjectUserId', {
                subjectUserId: filter.userId,
              });
            }),
          );
        break;
      case 'all':
        break;
    }
    return query.getMany();
  }

  findPendingOfKind(tx: Tx, tenantId: string, kind: string, subjectType: string): Promise<ApprovalRequestEntity[]> {
    return tx
      .createQueryBuilder(ApprovalRequestEntity, 'a')
      .where('a.tenantId = :tenantId AND a.kind = :kind AND a.subjectType = :subjectType', {
        tenantId,
        kind,
        subjectType,
      })
      .andWhere(`a.status = 'pending' AND a.expiresAt > now()`)
      .getMany();
  }
}
