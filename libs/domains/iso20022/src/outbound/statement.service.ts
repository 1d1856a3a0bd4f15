import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AuditActor } from '@domains/audit';
import { AccountTransactionReader, type AccountTransaction } from '@domains/monitoring';
import { TransactionRunner } from '@platform/database';
import { Iso20022Error } from '../iso20022.errors.js';
import { digestOf, Iso20022MessageStore } from '../message/iso20022-message.store.js';
import { iso20022Schema } from '../xml/iso20022-schema.locator.js';
import {
  CAMT_053,
  CAMT_054,
  NOT_PROVIDED,
  buildAccountReport,
  type AccountReportSection,
  type ReportEntryInput,
} from './account-report.builder.js';
import { isoText, newMessageId } from './iso-xml.writer.js';
import type { StatementKind } from './statement.dto.js';

/** One message carries at most this many entries (a bound on memory and on the XML's size, ~2 KB per entry). */
export const STATEMENT_MAX_ENTRIES = 10_000;
const MAX_PERIOD_MS = 366 * 24 * 3_600_000;

export interface StatementRequest {
  readonly accountId: string;
  readonly from: string;
  readonly to: string;
  readonly kind: StatementKind;
  readonly currency?: string;
  readonly openingBalanceMinor?: string;
}

export interface GeneratedStatement {
  readonly messageId: string;
  readonly messageType: string;
  readonly msgId: string;
  readonly sha256: string;
  readonly xml: string;
  readonly sections: readonly AccountReportSection[];
}

function invalid(message: string): Iso20022Error {
  return new Iso20022Error('iso20022/statement_invalid', 'invalid', message);
}

/** A string field of a transaction's metadata (top level or under `iso20022`), where the inbound mapping put it. */
function metaText(metadata: Record<string, unknown>, ...keys: string[]): string | null {
  const nested = metadata.iso20022;
  const sources = [metadata, nested !== null && typeof nested === 'object' ? (nested as Record<string, unknown>) : {}];
  for (const source of sources) {
    for (const key of keys) {
      const value = source[key];
      if (typeof value === 'string' && value.trim().length > 0) return value;
      if (Array.isArray(value) && typeof value[0] === 'string') return value.join(' ');
    }
  }
  return null;
}

function entryOf(t: AccountTransaction): ReportEntryInput {
  return {
    transactionId: t.transactionId,
    externalId: t.externalId,
    direction: t.direction,
    amountMinor: t.amountMinor,
    currency: t.currency,
    bookedAt: t.bookedAt,
    counterparty: t.counterparty,
    endToEndId: metaText(t.metadata, 'endToEndId', 'end_to_end_id'),
    uetr: metaText(t.metadata, 'uetr', 'UETR'),
    remittance: metaText(t.metadata, 'remittanceInformation', 'remittance', 'ustrd', 'reference'),
  };
}

/**
 * camt.053 statements and camt.054 notifications of an account's booked transactions in a period, generated from
 * what monitoring stored, validated against the official XSD, stored as an outbound message (status `generated`)
 * and recorded in the audit ledger with the SHA-256 of the XML (`iso20022.message.sent`).
 */
@Injectable()
export class StatementService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly accountTransactions: AccountTransactionReader,
    private readonly store: Iso20022MessageStore,
  ) {}

  async generate(tenantId: string, actor: AuditActor, request: StatementRequest): Promise<GeneratedStatement> {
    const from = new Date(request.from);
    const to = new Date(request.to);
    if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) throw invalid('from and to must be dates');
    if (to.getTime() <= from.getTime()) throw invalid('to must be after from');
    if (to.getTime() - from.getTime() > MAX_PERIOD_MS) throw invalid('The period may span at most 366 days');
    if (request.openingBalanceMinor !== undefined && (request.kind !== 'camt.053' || !request.currency)) {
      throw invalid('openingBalanceMinor needs kind camt.053 and a currency');
    }
    const rows = await this.accountTransactions.inPeriod(tenantId, {
      accountId: request.accountId,
      from,
      to,
      ...(request.currency ? { currency: request.currency } : {}),
      limit: STATEMENT_MAX_ENTRIES + 1,
    });
    if (rows.length > STATEMENT_MAX_ENTRIES) {
      throw invalid(`More than ${STATEMENT_MAX_ENTRIES} transactions in the period: ask for a shorter one`);
    }
    const type = request.kind === 'camt.053' ? CAMT_053 : CAMT_054;
    const createdAt = new Date();
    const msgId = newMessageId(
      request.kind === 'camt.053' ? 'VSTM' : 'VNTF',
      createdAt,
      randomBytes(6).toString('hex'),
    );
    const entries = rows.map(entryOf);
    const { xml, sections } = buildAccountReport(
      type,
      {
        messageId: msgId,
        createdAt,
        accountId: request.accountId,
        from,
        to,
        entries,
        ...(request.currency && request.openingBalanceMinor !== undefined
          ? { openingBalanceMinor: { [request.currency]: BigInt(request.openingBalanceMinor) } }
          : {}),
      },
      request.currency ?? 'EUR',
    );
    assertSchemaValid(type, xml);
    const digest = digestOf(xml);
    const message = await this.transactions.run(
      (tx) =>
        this.store.record(tx, {
          tenantId,
          actor,
          direction: 'out',
          messageType: type,
          msgId,
          status: 'generated',
          sha256: digest.sha256,
          sizeBytes: digest.sizeBytes,
          xml,
          summary: {
            kind: request.kind,
            accountId: request.accountId,
            from: from.toISOString(),
            to: to.toISOString(),
            currency: request.currency ?? null,
            balances: 'opening given or 0; closing = opening + credits - debits of the period',
            sections,
            transactions: entries.slice(0, 200).map((e) => ({
              transactionId: e.transactionId,
              externalId: e.externalId,
              direction: e.direction,
              amountMinor: String(e.amountMinor),
              currency: e.currency,
              bookedAt: e.bookedAt.toISOString(),
              counterpartyName: e.counterparty.name ?? null,
            })),
          },
          transactions: entries.map((e) => ({
            transactionId: e.transactionId,
            endToEndId: isoText(e.endToEndId, 35) ?? NOT_PROVIDED,
            instrId: null,
            uetr: e.uetr ?? null,
            txId: null,
            amountMinor: String(e.amountMinor),
            currency: e.currency,
            status: 'accepted',
            reasonCode: null,
          })),
        }),
      { tenantId },
    );
    return { messageId: message.id, messageType: type, msgId, sha256: digest.sha256, xml, sections };
  }
}

/** A generated message that breaks its XSD is a bug: never store or send it. */
export function assertSchemaValid(messageType: string, xml: string): void {
  const result = iso20022Schema(messageType).validate(xml);
  if (!result.valid) {
    const first = result.issues[0];
    throw new Error(
      `Generated ${messageType} is not schema-valid: ${first?.message ?? 'unknown'} (line ${first?.line ?? '?'})`,
    );
  }
}
