import { Injectable } from '@nestjs/common';
import { AppConfig } from '@platform/config';
import { TransactionRunner } from '@platform/database';
import { AuditLedgerError } from '../audit-ledger.errors.js';
import type { AuditActor } from '../ledger/audit-event.types.js';
import { AuditEntryRepository } from '../ledger/audit-entry.repository.js';
import { AuditLedger } from '../ledger/audit-ledger.service.js';
import { AuditLegalHoldRepository } from './audit-legal-hold.repository.js';
import { AuditSubjectKeyRepository } from './audit-subject-key.repository.js';

export interface ErasureOutcome {
  /** False when the subject had no key (never recorded, or already erased): nothing changed. */
  readonly erased: boolean;
  readonly subjectKeyId: string | null;
}

export interface LegalHoldScope {
  /** Both set: one data subject; both omitted: every subject of the tenant. */
  readonly subjectType?: string;
  readonly subjectId?: string;
}

/**
 * Erasure of a data subject by crypto-shredding: the subject's payload key is deleted, so every payload sealed with it
 * is unreadable for good, while entries, leaves, proofs and checkpoints stay valid (leaves commit to salted hashes,
 * never to payloads). Refused while a legal hold or the retention period applies. Every decision is itself recorded.
 */
@Injectable()
export class AuditErasureService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly ledger: AuditLedger,
    private readonly entries: AuditEntryRepository,
    private readonly keys: AuditSubjectKeyRepository,
    private readonly holds: AuditLegalHoldRepository,
    private readonly config: AppConfig,
  ) {}

  async eraseSubject(
    tenantId: string,
    subjectType: string,
    subjectId: string,
    actor: AuditActor = { type: 'system', id: 'erasure' },
  ): Promise<ErasureOutcome> {
    return this.transactions.run(
      async (tx) => {
        const holds = await this.holds.activeFor(tx, tenantId, subjectType, subjectId);
        if (holds.length > 0) {
          throw new AuditLedgerError(
            'audit/erasure_legal_hold',
            'conflict',
            `A legal hold (${holds[0].reason}) covers this data subject; release it before erasing`,
            { holdIds: holds.map((h) => h.id) },
          );
        }
        const days = this.config.values.AUDIT_RETENTION_DAYS;
        if (days > 0) {
          const newest = await this.entries.newestForSubject(tx, tenantId, subjectType, subjectId, days);
          if (newest?.withinDays) {
            const erasableFrom = new Date(newest.newestRecordedAt.getTime() + days * 86_400_000);
            throw new AuditLedgerError(
              'audit/erasure_retention',
              'conflict',
              `Entries about this data subject must be kept ${days} days; erasure is possible from ${erasableFrom.toISOString()}`,
              { erasableFrom: erasableFrom.toISOString() },
            );
          }
        }
        const subjectKeyId = await this.keys.deleteForSubject(tx, tenantId, subjectType, subjectId);
        if (subjectKeyId === null) return { erased: false, subjectKeyId: null };
        // The record is about the deleted key, not the subject: sealing it with a fresh key of the erased subject would
        // hand that subject a key again, and a second erasure would then have something to delete.
        await this.ledger.record(tx, {
          tenantId,
          actor,
          action: 'audit.subject.erased',
          subject: { type: 'audit_subject_key', id: subjectKeyId },
          payload: { subjectType, subjectId },
        });
        return { erased: true, subjectKeyId };
      },
      { tenantId },
    );
  }

  async placeLegalHold(tenantId: string, scope: LegalHoldScope, reason: string, actor: AuditActor): Promise<string> {
    if ((scope.subjectType === undefined) !== (scope.subjectId === undefined)) {
      throw new AuditLedgerError(
        'audit/invalid_event',
        'invalid',
        'a legal hold names both subject type and id, or neither',
      );
    }
    return this.transactions.run(
      async (tx) => {
        const holdId = await this.holds.place(tx, tenantId, {
          subjectType: scope.subjectType ?? null,
          subjectId: scope.subjectId ?? null,
          reason,
        });
        await this.ledger.record(tx, {
          tenantId,
          actor,
          action: 'audit.legal_hold.placed',
          subject: { type: 'legal_hold', id: holdId },
          payload: { reason, subjectType: scope.subjectType ?? null, subjectId: scope.subjectId ?? null },
        });
        return holdId;
      },
      { tenantId },
    );
  }

  async releaseLegalHold(tenantId: string, holdId: string, actor: AuditActor): Promise<void> {
    await this.transactions.run(
      async (tx) => {
        if (!(await this.holds.release(tx, tenantId, holdId))) {
          throw new AuditLedgerError('audit/legal_hold_not_found', 'not_found', `No active legal hold ${holdId}`);
        }
        await this.ledger.record(tx, {
          tenantId,
          actor,
          action: 'audit.legal_hold.released',
          subject: { type: 'legal_hold', id: holdId },
          payload: {},
        });
      },
      { tenantId },
    );
  }
}
