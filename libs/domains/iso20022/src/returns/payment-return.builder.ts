import { isValidBIC, isValidIBAN, electronicFormatIBAN } from 'ibantools';
import {
  formatMinorAmount,
  isoDate,
  isoDateTime,
  isoText,
  leaf,
  node,
  renderIsoDocument,
  requiredNode,
  type XmlChild,
  type XmlElementNode,
} from '../outbound/iso-xml.writer.js';

export const PACS_004 = 'pacs.004.001.09';

/**
 * ExternalReturnReason1Code values an analyst may choose (ISO 20022 External Code Sets):
 *   AC04 ClosedAccountNumber · AC06 BlockedAccount · AG01 TransactionForbidden · AM05 Duplication ·
 *   BE04 MissingCreditorAddress · CUST RequestedByCustomer · FOCR FollowingCancellationRequest ·
 *   FR01 Fraud · MS02 NotSpecifiedReasonCustomerGenerated · MS03 NotSpecifiedReasonAgentGenerated ·
 *   NARR Narrative (explained in AddtlInf) · RR04 RegulatoryReason (sanctions / AML) · SL01 SpecificServiceOfferedByDebtorAgent.
 */
export const RETURN_REASON_CODES = [
  'AC04',
  'AC06',
  'AG01',
  'AM05',
  'BE04',
  'CUST',
  'FOCR',
  'FR01',
  'MS02',
  'MS03',
  'NARR',
  'RR04',
  'SL01',
] as const;
export type ReturnReasonCode = (typeof RETURN_REASON_CODES)[number];

/** A party of the original payment; every field may be missing. */
export interface ReturnParty {
  readonly name?: string | null;
  /** IBAN, or any other account identifier. */
  readonly account?: string | null;
  readonly agentBic?: string | null;
  readonly country?: string | null;
}

export interface PaymentReturnInput {
  readonly msgId: string;
  readonly createdAt: Date;
  /** TxInf/RtrId: the return's own reference. */
  readonly returnId: string;
  readonly original: {
    readonly msgId: string;
    /** e.g. `pacs.008.001.08`. */
    readonly msgNmId: string;
    readonly creDtTm?: string | null;
    readonly instrId?: string | null;
    readonly endToEndId: string;
    readonly txId?: string | null;
    readonly uetr?: string | null;
    /** The original interbank settlement date (ISODate), when the original message had one. */
    readonly settlementDate?: string | null;
    /** GrpHdr/SttlmInf/SttlmMtd of the original (INDA when unknown). */
    readonly settlementMethod?: string | null;
  };
  /** The returned amount: the original amount, minor units. */
  readonly amountMinor: string | bigint;
  readonly currency: string;
  readonly debtor: ReturnParty;
  readonly creditor: ReturnParty;
  readonly reasonCode: ReturnReasonCode;
  /** Free text, cut into Max105Text lines (at most 3). */
  readonly additionalInfo?: string | null;
}

const UUID_V4 = /^[a-f0-9]{8}-[a-f0-9]{4}-4[a-f0-9]{3}-[89ab][a-f0-9]{3}-[a-f0-9]{12}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const COUNTRY = /^[A-Z]{2}$/;
const SETTLEMENT_METHODS = ['INDA', 'INGA', 'COVE', 'CLRG'];

function party(role: string, p: ReturnParty, required: boolean): XmlChild {
  const country = p.country?.toUpperCase();
  const content = [
    leaf('Nm', isoText(p.name, 140)),
    country && COUNTRY.test(country) ? node('PstlAdr', leaf('Ctry', country)) : null,
  ];
  if (required) return requiredNode(role, requiredNode('Pty', ...content));
  return node(role, node('Pty', ...content));
}

function account(role: string, id: string | null | undefined): XmlChild {
  if (!id) return null;
  const iban = electronicFormatIBAN(id) ?? '';
  if (isValidIBAN(iban)) return node(role, node('Id', leaf('IBAN', iban)));
  return node(role, node('Id', node('Othr', leaf('Id', isoText(id, 34)))));
}

function agent(role: string, bic: string | null | undefined): XmlChild {
  const normalised = bic?.replace(/\s+/g, '').toUpperCase();
  return normalised && isValidBIC(normalised) ? node(role, node('FinInstnId', leaf('BICFI', normalised))) : null;
}

function amount(name: string, minor: string | bigint, currency: string): XmlElementNode {
  return { name, attrs: { Ccy: currency }, text: formatMinorAmount(minor, currency) };
}

/** Max105Text lines of the additional information (ISO allows repeating AddtlInf). */
function infoLines(text: string | null | undefined): XmlChild[] {
  const cleaned = isoText(text, 315);
  if (!cleaned) return [];
  const chars = Array.from(cleaned);
  const lines: XmlChild[] = [];
  for (let i = 0; i < chars.length; i += 105)
    lines.push(leaf('AddtlInf', isoText(chars.slice(i, i + 105).join(''), 105)));
  return lines;
}

/**
 * pacs.004.001.09 (payment return) of one accepted payment: the original group and transaction references
 * (OrgnlMsgId/OrgnlMsgNmId, OrgnlInstrId, OrgnlEndToEndId, OrgnlTxId, OrgnlUETR), the original and returned amount,
 * the return chain (the return flows back: its debtor is the original creditor, its creditor the original debtor),
 * the original parties in OrgnlTxRef, and the return reason.
 */
export function buildPaymentReturn(input: PaymentReturnInput): string {
  const o = input.original;
  const uetr = o.uetr?.toLowerCase();
  const method = o.settlementMethod && SETTLEMENT_METHODS.includes(o.settlementMethod) ? o.settlementMethod : 'INDA';
  const created = isoDateTime(input.createdAt);
  const body = requiredNode(
    'PmtRtr',
    requiredNode(
      'GrpHdr',
      leaf('MsgId', isoText(input.msgId, 35)),
      leaf('CreDtTm', created),
      leaf('NbOfTxs', '1'),
      node('SttlmInf', leaf('SttlmMtd', method)),
    ),
    requiredNode(
      'TxInf',
      leaf('RtrId', isoText(input.returnId, 35)),
      node(
        'OrgnlGrpInf',
        leaf('OrgnlMsgId', isoText(o.msgId, 35)),
        leaf('OrgnlMsgNmId', isoText(o.msgNmId, 35)),
        leaf('OrgnlCreDtTm', o.creDtTm ?? undefined),
      ),
      leaf('OrgnlInstrId', isoText(o.instrId, 35)),
      leaf('OrgnlEndToEndId', isoText(o.endToEndId, 35)),
      leaf('OrgnlTxId', isoText(o.txId, 35)),
      leaf('OrgnlUETR', uetr && UUID_V4.test(uetr) ? uetr : undefined),
      amount('OrgnlIntrBkSttlmAmt', input.amountMinor, input.currency),
      leaf('OrgnlIntrBkSttlmDt', o.settlementDate && ISO_DATE.test(o.settlementDate) ? o.settlementDate : undefined),
      amount('RtrdIntrBkSttlmAmt', input.amountMinor, input.currency),
      leaf('IntrBkSttlmDt', isoDate(input.createdAt)),
      requiredNode(
        'RtrChain',
        party('Dbtr', input.creditor, true),
        agent('DbtrAgt', input.creditor.agentBic),
        agent('CdtrAgt', input.debtor.agentBic),
        party('Cdtr', input.debtor, true),
      ),
      requiredNode('RtrRsnInf', node('Rsn', leaf('Cd', input.reasonCode)), ...infoLines(input.additionalInfo)),
      node(
        'OrgnlTxRef',
        party('Dbtr', input.debtor, false),
        account('DbtrAcct', input.debtor.account),
        agent('DbtrAgt', input.debtor.agentBic),
        agent('CdtrAgt', input.creditor.agentBic),
        party('Cdtr', input.creditor, false),
        account('CdtrAcct', input.creditor.account),
      ),
    ),
  );
  return renderIsoDocument(PACS_004, body);
}
