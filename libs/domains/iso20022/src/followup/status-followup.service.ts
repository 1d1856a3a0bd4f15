import { Injectable, Logger } from '@nestjs/common';
import type { AuditActor } from '@domains/audit';
import { MonitoringAlertFeed, type TransactionAlertDisposition } from '@domains/monitoring';
import { TransactionRunner } from '@platform/database';
import {
  digestOf,
  Iso20022MessageStore,
  type Iso20022MessageTransactionView,
} from '../message/iso20022-message.store.js';
import { assertSchemaValid } from '../outbound/statement.service.js';
import { readOriginalMessage } from '../returns/original-payment.reader.js';
import {
  StatusReportBuilder,
  type StatusReportTransaction,
  type StatusReportType,
} from '../status/status-report.builder.js';
import { groupStatusOf } from '../status/status-report.codes.js';
import { StatusFollowupRepository, type PendingPayment } from './status-followup.repository.js';

const SYSTEM: AuditActor = { type: 'system', id: 'iso20022.status.followup' };
/** Pending payments looked at per tenant and run; the next run (a minute later) takes the rest. */
const BATCH = 500;

/** The later status report answering a message of this type (null: not a payment message Verity answers). */
export function laterReportTypeOf(messageType: string): StatusReportType | null {
  if (messageType.startsWith('pacs.008.')) return 'pacs.002.001.10';
  if (messageType.startsWith('pain.001.')) return 'pain.002.001.10';
  return null;
}

/**
 * The analyst's decision as a later transaction status: a false positive clears the payment (pacs.002 ACSP —
 * settlement may go on; pain.002 ACCP — accepted for execution), a true positive rejects it with RR04
 * (RegulatoryReason, ExternalStatusReason1Code). Null while the alert is open or closed without a disposition.
 */
export function laterStatusOf(
  type: StatusReportType,
  disposition: TransactionAlertDisposition | undefined,
): { status: 'ACSP' | 'ACCP' | 'RJCT'; reasonCode: 'RR04' | null } | null {
  if (!disposition || disposition.alertStatus !== 'closed' || !disposition.disposition) return null;
  if (disposition.disposition === 'true_positive') return { status: 'RJCT', reasonCode: 'RR04' };
  return { status: type === 'pacs.002.001.10' ? 'ACSP' : 'ACCP', reasonCode: null };
}

/**
 * Later status reports: for payments answered PDNG (pending review) whose monitoring alert an analyst has since
 * closed, one pacs.002/pain.002 per original message and run (and page of 500 pending payments), related to the
 * original, stored and audited, with the message transactions marked accepted or rejected in the same database
 * transaction.
 */
@Injectable()
export class StatusFollowupService {
  private readonly logger = new Logger('Iso20022StatusFollowup');

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly followups: StatusFollowupRepository,
    private readonly alerts: MonitoringAlertFeed,
    private readonly store: Iso20022MessageStore,
    private readonly builder: StatusReportBuilder,
  ) {}

  /**
   * Sends what is due in one tenant; answers how many later reports it stored. Safe to run again and concurrently.
   * Reads the pending payments page by page to the end, so payments still under review never hide decided ones.
   */
  async followUp(tenantId: string): Promise<number> {
    let sent = 0;
    let afterId: string | undefined;
    for (;;) {
      const pending = await this.transactions.run((tx) => this.followups.pending(tx, tenantId, BATCH, afterId), {
        tenantId,
      });
      if (pending.length > 0) sent += await this.reportDecided(tenantId, pending);
      if (pending.length < BATCH) break;
      afterId = pending[pending.length - 1].id;
    }
    if (sent > 0) this.logger.log(`sent ${sent} later status reports in tenant ${tenantId}`);
    return sent;
  }

  /** One later report per original message among `pending` whose alerts were closed with a disposition. */
  private async reportDecided(tenantId: string, pending: readonly PendingPayment[]): Promise<number> {
    const dispositions = new Map(
      (await this.alerts.dispositionsOfTransactions(tenantId, [...new Set(pending.map((p) => p.transactionId))])).map(
        (d) => [d.transactionId, d],
      ),
    );
    const decided = pending.filter((p) => {
      const d = dispositions.get(p.transactionId);
      return d?.alertStatus === 'closed' && d.disposition !== null;
    });
    const byMessage = new Map<string, PendingPayment[]>();
    for (const p of decided) byMessage.set(p.messageId, [...(byMessage.get(p.messageId) ?? []), p]);
    let sent = 0;
    for (const [messageId, payments] of byMessage) {
      if (await this.report(tenantId, messageId, payments, dispositions)) sent += 1;
    }
    return sent;
  }

  private report(
    tenantId: string,
    messageId: string,
    payments: readonly PendingPayment[],
    dispositions: ReadonlyMap<string, TransactionAlertDisposition>,
  ): Promise<boolean> {
    return this.transactions.run(
      async (tx) => {
        const original = await this.followups.findMessage(tx, tenantId, messageId);
        const type = original ? laterReportTypeOf(original.messageType) : null;
        if (!original || !type) return false;
        const locked = await this.followups.lockPending(
          tx,
          tenantId,
          payments.map((p) => p.id),
        );
        const lines: { row: Iso20022MessageTransactionView; tx: StatusReportTransaction }[] = [];
        // Parsed once for all of its lines (a message holds up to 1,000 transactions).
        const parsed = original.xml ? readOriginalMessage(original.xml) : null;
        for (const row of locked) {
          const later = laterStatusOf(type, dispositions.get(row.transactionId ?? ''));
          if (!later) continue;
          const source =
            parsed?.find({ endToEndId: row.endToEndId, instrId: row.instrId, txId: row.txId, uetr: row.uetr }) ?? null;
          lines.push({
            row,
            tx: {
              pmtInfId: source?.pmtInfId ?? null,
              endToEndId: row.endToEndId,
              instrId: row.instrId,
              uetr: row.uetr,
              txId: row.txId,
              status: later.status,
              reasonCode: later.reasonCode,
              additionalInfo:
                later.status === 'RJCT' ? 'Rejected after compliance review' : 'Cleared after compliance review',
            },
          });
        }
        if (lines.length === 0) return false;
        const built = this.builder.build({
          type,
          original: {
            msgId: original.msgId ?? 'NOTPROVIDED',
            msgNmId: original.messageType,
            creDtTm: parsed?.creDtTm ?? null,
          },
          groupStatus: groupStatusOf(lines.map((l) => l.tx.status)),
          transactions: lines.map((l) => l.tx),
        });
        assertSchemaValid(type, built.xml);
        const digest = digestOf(built.xml);
        for (const line of lines) {
          await this.followups.setStatus(
            tx,
            tenantId,
            line.row.id,
            line.tx.status === 'RJCT' ? 'rejected' : 'accepted',
            line.tx.reasonCode ?? null,
          );
        }
        await this.store.record(tx, {
          tenantId,
          actor: SYSTEM,
          direction: 'out',
          messageType: type,
          msgId: built.msgId,
          status: 'generated',
          sha256: digest.sha256,
          sizeBytes: digest.sizeBytes,
          xml: built.xml,
          relatedMessageId: original.id,
          summary: {
            kind: 'later_status_report',
            original: { messageId: original.id, msgId: original.msgId, messageType: original.messageType },
            transactions: lines.map((l) => ({
              transactionId: l.row.transactionId,
              endToEndId: l.tx.endToEndId,
              status: l.tx.status,
              reasonCode: l.tx.reasonCode ?? null,
            })),
          },
          transactions: lines.map(({ row, tx: line }) => ({
            transactionId: row.transactionId,
            endToEndId: row.endToEndId,
            instrId: row.instrId,
            uetr: row.uetr,
            txId: row.txId,
            amountMinor: row.amountMinor,
            currency: row.currency,
            status: line.status === 'RJCT' ? ('rejected' as const) : ('accepted' as const),
            reasonCode: line.reasonCode ?? null,
          })),
        });
        return true;
      },
      { tenantId },
    );
  }
}
