import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AuditActor } from '@domains/audit';
import { TransactionRunner } from '@platform/database';
import { Iso20022Error } from '../iso20022.errors.js';
import { digestOf, Iso20022MessageStore } from '../message/iso20022-message.store.js';
import { newMessageId } from '../outbound/iso-xml.writer.js';
import { assertSchemaValid } from '../outbound/statement.service.js';
import { PACS_004, buildPaymentReturn, type ReturnReasonCode } from './payment-return.builder.js';
import { readOriginalPayment } from './original-payment.reader.js';
import { PaymentReturnRepository } from './payment-return.repository.js';

export interface PaymentReturnOutcome {
  readonly messageId: string;
  readonly messageType: string;
  readonly msgId: string;
  readonly sha256: string;
  readonly xml: string;
  readonly originalMessageId: string;
  readonly transactionId: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * pacs.004 returns of payments accepted on the way in and rejected afterwards (the analyst's decision). One return per
 * payment: the inbound message transaction is locked, checked (`accepted` only) and marked `returned` in the same
 * database transaction that stores the pacs.004 and its audit entry.
 */
@Injectable()
export class PaymentReturnService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly payments: PaymentReturnRepository,
    private readonly store: Iso20022MessageStore,
  ) {}

  async returnPayment(
    tenantId: string,
    actor: AuditActor,
    transactionId: string,
    reasonCode: ReturnReasonCode,
    additionalInfo?: string,
  ): Promise<PaymentReturnOutcome> {
    if (!UUID.test(transactionId)) throw notReturnable(transactionId, 'did not come in through an ISO 20022 message');
    return this.transactions.run(
      async (tx) => {
        const found = await this.payments.findInboundForUpdate(tx, tenantId, transactionId);
        if (!found) throw notReturnable(transactionId, 'did not come in through an ISO 20022 message');
        const { transaction: original, message } = found;
        if (original.status === 'returned') {
          throw new Iso20022Error(
            'iso20022/already_returned',
            'conflict',
            `Transaction ${transactionId} was already returned`,
          );
        }
        if (original.status !== 'accepted') {
          throw notReturnable(transactionId, `is ${original.status}, not accepted`);
        }
        const key = {
          endToEndId: original.endToEndId,
          instrId: original.instrId,
          txId: original.txId,
          uetr: original.uetr,
        };
        const parties = message.xml ? readOriginalPayment(message.xml, key) : null;
        const createdAt = new Date();
        const msgId = newMessageId('VRTR', createdAt, randomBytes(6).toString('hex'));
        const xml = buildPaymentReturn({
          msgId,
          createdAt,
          returnId: msgId,
          original: {
            msgId: message.msgId ?? parties?.msgId ?? 'NOTPROVIDED',
            msgNmId: message.messageType,
            creDtTm: parties?.creDtTm ?? null,
            instrId: original.instrId,
            endToEndId: original.endToEndId,
            txId: original.txId,
            uetr: original.uetr,
            settlementDate: parties?.settlementDate ?? null,
            settlementMethod: parties?.settlementMethod ?? null,
          },
          amountMinor: original.amountMinor,
          currency: original.currency,
          debtor: parties?.debtor ?? {},
          creditor: parties?.creditor ?? {},
          reasonCode,
          additionalInfo: additionalInfo ?? null,
        });
        assertSchemaValid(PACS_004, xml);
        const digest = digestOf(xml);
        await this.payments.setStatus(tx, tenantId, original.id, 'returned', reasonCode);
        const stored = await this.store.record(tx, {
          tenantId,
          actor,
          direction: 'out',
          messageType: PACS_004,
          msgId,
          status: 'generated',
          reason: `Return ${reasonCode}${additionalInfo ? `: ${additionalInfo}` : ''}`,
          sha256: digest.sha256,
          sizeBytes: digest.sizeBytes,
          xml,
          relatedMessageId: message.id,
          summary: {
            kind: 'return',
            reasonCode,
            additionalInfo: additionalInfo ?? null,
            original: {
              messageId: message.id,
              msgId: message.msgId,
              messageType: message.messageType,
              endToEndId: original.endToEndId,
              uetr: original.uetr,
            },
            debtor: parties?.debtor ?? null,
            creditor: parties?.creditor ?? null,
          },
          transactions: [
            {
              transactionId,
              endToEndId: original.endToEndId,
              instrId: original.instrId,
              uetr: original.uetr,
              txId: original.txId,
              amountMinor: original.amountMinor,
              currency: original.currency,
              status: 'returned',
              reasonCode,
            },
          ],
        });
        return {
          messageId: stored.id,
          messageType: PACS_004,
          msgId,
          sha256: digest.sha256,
          xml,
          originalMessageId: message.id,
          transactionId,
        };
      },
      { tenantId },
    );
  }
}

function notReturnable(transactionId: string, why: string): Iso20022Error {
  return new Iso20022Error('iso20022/not_returnable', 'unprocessable', `Transaction ${transactionId} ${why}`);
}
