import { XMLParser } from 'fast-xml-parser';
import type { ReturnParty } from './payment-return.builder.js';

/** What a return needs from the original credit transfer, read back from the stored (already validated) XML. */
export interface OriginalPayment {
  readonly msgId: string | null;
  readonly creDtTm: string | null;
  readonly settlementMethod: string | null;
  readonly settlementDate: string | null;
  /** pain.001: the PmtInfId of the payment information block holding the transaction. */
  readonly pmtInfId: string | null;
  readonly debtor: ReturnParty;
  readonly creditor: ReturnParty;
}

export interface OriginalPaymentKey {
  readonly endToEndId: string;
  readonly instrId?: string | null;
  readonly txId?: string | null;
  readonly uetr?: string | null;
}

type XmlObject = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  isArray: (name) => ['CdtTrfTxInf', 'PmtInf'].includes(name),
});

const obj = (v: unknown): XmlObject | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as XmlObject) : undefined;
const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
const at = (root: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((current, key) => obj(current)?.[key], root);
const list = (v: unknown): XmlObject[] => (Array.isArray(v) ? v.map(obj).filter((o): o is XmlObject => !!o) : []);

/** The `Document` element, bare or inside any envelope (AppHdr + Document), searched a few levels deep. */
function findDocument(root: unknown, depth = 0): XmlObject | undefined {
  const o = obj(root);
  if (!o || depth > 4) return undefined;
  const direct = obj(o.Document);
  if (direct) return direct;
  for (const value of Object.values(o)) {
    const found = findDocument(value, depth + 1);
    if (found) return found;
  }
  return undefined;
}

function accountOf(acct: unknown): string | null {
  return str(at(acct, 'Id', 'IBAN')) ?? str(at(acct, 'Id', 'Othr', 'Id'));
}

function bicOf(agent: unknown): string | null {
  return str(at(agent, 'FinInstnId', 'BICFI')) ?? str(at(agent, 'FinInstnId', 'BIC'));
}

function partyOf(partyNode: unknown, acct: unknown, agent: unknown): ReturnParty {
  return {
    name: str(at(partyNode, 'Nm')),
    country: str(at(partyNode, 'PstlAdr', 'Ctry')) ?? str(at(partyNode, 'CtryOfRes')),
    account: accountOf(acct),
    agentBic: bicOf(agent),
  };
}

function matches(tx: XmlObject, key: OriginalPaymentKey): boolean {
  const pmtId = obj(tx.PmtId);
  if (str(pmtId?.EndToEndId) !== key.endToEndId) return false;
  if (key.uetr && str(pmtId?.UETR) && str(pmtId?.UETR)?.toLowerCase() !== key.uetr.toLowerCase()) return false;
  if (key.txId && str(pmtId?.TxId) && str(pmtId?.TxId) !== key.txId) return false;
  if (key.instrId && str(pmtId?.InstrId) && str(pmtId?.InstrId) !== key.instrId) return false;
  return true;
}

/** A stored pacs.008 or pain.001 parsed once: `find` looks up each of its transactions without parsing it again. */
export interface OriginalMessage {
  readonly creDtTm: string | null;
  /** The transaction `key` identifies with its parties; null when the message holds no such transaction. */
  find(key: OriginalPaymentKey): OriginalPayment | null;
}

/**
 * Parses a stored pacs.008 (FIToFICstmrCdtTrf) or pain.001 (CstmrCdtTrfInitn, whose debtor and debtor agent sit on
 * the payment information block) for the credit transfers it holds.
 */
export function readOriginalMessage(xml: string): OriginalMessage {
  const document = findDocument(parser.parse(xml));
  const pacs = obj(document?.FIToFICstmrCdtTrf);
  const pain = obj(document?.CstmrCdtTrfInitn);
  const header = pacs ?? pain;
  const msgId = str(at(header, 'GrpHdr', 'MsgId'));
  const creDtTm = str(at(header, 'GrpHdr', 'CreDtTm'));
  const find = (key: OriginalPaymentKey): OriginalPayment | null => {
    if (pacs) {
      const tx = list(pacs.CdtTrfTxInf).find((t) => matches(t, key));
      if (!tx) return null;
      return {
        msgId,
        creDtTm,
        settlementMethod: str(at(pacs, 'GrpHdr', 'SttlmInf', 'SttlmMtd')),
        settlementDate: str(tx.IntrBkSttlmDt) ?? str(at(pacs, 'GrpHdr', 'IntrBkSttlmDt')),
        pmtInfId: null,
        debtor: partyOf(tx.Dbtr, tx.DbtrAcct, tx.DbtrAgt),
        creditor: partyOf(tx.Cdtr, tx.CdtrAcct, tx.CdtrAgt),
      };
    }
    for (const block of list(pain?.PmtInf)) {
      const tx = list(block.CdtTrfTxInf).find((t) => matches(t, key));
      if (!tx) continue;
      return {
        msgId,
        creDtTm,
        settlementMethod: null,
        settlementDate: null,
        pmtInfId: str(block.PmtInfId),
        debtor: partyOf(block.Dbtr, block.DbtrAcct, block.DbtrAgt),
        creditor: partyOf(tx.Cdtr, tx.CdtrAcct, tx.CdtrAgt),
      };
    }
    return null;
  };
  return { creDtTm, find };
}

/** The credit transfer `key` identifies in a stored message (see `readOriginalMessage`); null when there is none. */
export function readOriginalPayment(xml: string, key: OriginalPaymentKey): OriginalPayment | null {
  return readOriginalMessage(xml).find(key);
}
