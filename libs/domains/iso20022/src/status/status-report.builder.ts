import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { truncateText, XmlTextWriter } from '../xml/xml-text.writer.js';
import type { GroupStatusCode, TransactionStatusCode } from './status-report.codes.js';

export const STATUS_REPORT_TYPES = ['pacs.002.001.10', 'pain.002.001.10'] as const;
export type StatusReportType = (typeof STATUS_REPORT_TYPES)[number];

export interface StatusReportTransaction {
  /** pain.002 only: the PmtInfId of the payment information block the transaction was in (grouped by it). */
  readonly pmtInfId?: string | null;
  readonly endToEndId: string;
  readonly instrId?: string | null;
  readonly uetr?: string | null;
  /** pacs.002 only (pain.002.001.10 has no OrgnlTxId). */
  readonly txId?: string | null;
  readonly status: TransactionStatusCode;
  /** ExternalStatusReason1Code: Verity's own are `StatusReasonCode`; AC01/RC01 for accounts and BICs; others kept as given. */
  readonly reasonCode?: string | null;
  /** Free text, cut to Max105Text. */
  readonly additionalInfo?: string | null;
}

export interface StatusReportInput {
  readonly type: StatusReportType;
  /** GrpHdr/MsgId of the report; a fresh one (`VRT` + 32 hex) when omitted. */
  readonly msgId?: string;
  readonly createdAt?: Date;
  readonly original: {
    readonly msgId: string;
    /** The message definition answered, e.g. `pacs.008.001.08`. */
    readonly msgNmId: string;
    readonly creDtTm?: string | null;
    readonly nbOfTxs?: number | null;
  };
  readonly groupStatus: GroupStatusCode;
  /** Why the group has its status (e.g. FF01 for a message refused whole). */
  readonly groupReason?: { readonly code: string; readonly additionalInfo?: string | null } | null;
  readonly transactions: readonly StatusReportTransaction[];
}

export interface BuiltStatusReport {
  readonly type: StatusReportType;
  readonly msgId: string;
  readonly xml: string;
}

/** Max35Text. */
function text35(value: string): string {
  return truncateText(value, 35);
}

/**
 * Builds pacs.002.001.10 (FIToFIPmtStsRpt, the answer to a pacs.008) and pain.002.001.10 (CstmrPmtStsRpt, the answer
 * to a pain.001) reports that validate against their official XSDs (tests assert it). Used for the immediate answer to
 * an inbound message and for later status reports once a pending review is decided.
 */
@Injectable()
export class StatusReportBuilder {
  build(input: StatusReportInput): BuiltStatusReport {
    const msgId = input.msgId ?? `VRT${randomUUID().replace(/-/g, '')}`;
    const created = (input.createdAt ?? new Date()).toISOString();
    const w = new XmlTextWriter();
    w.start('Document', { xmlns: `urn:iso:std:iso:20022:tech:xsd:${input.type}` });
    w.start(input.type === 'pacs.002.001.10' ? 'FIToFIPmtStsRpt' : 'CstmrPmtStsRpt');
    w.start('GrpHdr').leaf('MsgId', text35(msgId)).leaf('CreDtTm', created).end();
    this.originalGroup(w, input);
    if (input.type === 'pacs.002.001.10') {
      for (const tx of input.transactions) this.transaction(w, input.type, tx);
    } else {
      const blocks = new Map<string, StatusReportTransaction[]>();
      for (const tx of input.transactions) {
        const key = tx.pmtInfId ?? input.original.msgId;
        const list = blocks.get(key);
        if (list) list.push(tx);
        else blocks.set(key, [tx]);
      }
      for (const [pmtInfId, txs] of blocks) {
        w.start('OrgnlPmtInfAndSts').leaf('OrgnlPmtInfId', text35(pmtInfId)).leaf('OrgnlNbOfTxs', String(txs.length));
        for (const tx of txs) this.transaction(w, input.type, tx);
        w.end();
      }
    }
    w.end().end();
    return { type: input.type, msgId, xml: w.toString() };
  }

  private originalGroup(w: XmlTextWriter, input: StatusReportInput): void {
    w.start('OrgnlGrpInfAndSts')
      .leaf('OrgnlMsgId', text35(input.original.msgId))
      .leaf('OrgnlMsgNmId', text35(input.original.msgNmId))
      .leaf('OrgnlCreDtTm', input.original.creDtTm ?? null)
      .leaf(
        'OrgnlNbOfTxs',
        input.original.nbOfTxs === null || input.original.nbOfTxs === undefined ? null : String(input.original.nbOfTxs),
      )
      .leaf('GrpSts', input.groupStatus);
    if (input.groupReason) this.reason(w, input.groupReason.code, input.groupReason.additionalInfo ?? null);
    w.end();
  }

  private transaction(w: XmlTextWriter, type: StatusReportType, tx: StatusReportTransaction): void {
    w.start('TxInfAndSts')
      .leaf('OrgnlInstrId', tx.instrId ? text35(tx.instrId) : null)
      .leaf('OrgnlEndToEndId', text35(tx.endToEndId));
    if (type === 'pacs.002.001.10') w.leaf('OrgnlTxId', tx.txId ? text35(tx.txId) : null);
    w.leaf('OrgnlUETR', tx.uetr ?? null).leaf('TxSts', tx.status);
    if (tx.reasonCode) this.reason(w, tx.reasonCode, tx.additionalInfo ?? null);
    w.end();
  }

  private reason(w: XmlTextWriter, code: string, additionalInfo: string | null): void {
    w.start('StsRsnInf').start('Rsn').leaf('Cd', code).end();
    if (additionalInfo) w.leaf('AddtlInf', truncateText(additionalInfo, 105));
    w.end();
  }
}
