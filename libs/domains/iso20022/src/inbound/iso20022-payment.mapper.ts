import { isValidBIC, isValidIBAN } from 'ibantools';
import { Iso20022Error } from '../iso20022.errors.js';
import { child, children, nodeAt, textAt, type XmlElementNode } from '../xml/xml-element.tree.js';
import { toMinorUnits } from './iso20022-amount.converter.js';

export const SUPPORTED_INBOUND_TYPES = ['pacs.008.001.08', 'pain.001.001.09', 'pain.001.001.03'] as const;
export type InboundMessageType = (typeof SUPPORTED_INBOUND_TYPES)[number];

/** Transactions accepted in one message: the decision engine's batch bound (one decision call per message). */
export const MAX_INBOUND_TRANSACTIONS = 1000;

export interface MappedParty {
  /** Dbtr, Cdtr, UltmtDbtr, UltmtCdtr, InitgPty, DbtrAgt… (the element it came from). */
  readonly role: string;
  readonly name: string | null;
  /** IBAN, when valid (ibantools); `accountProblem` says why one was dropped. */
  readonly iban: string | null;
  readonly account: string | null;
  /** The party's own BIC (OrgId/AnyBIC) or, for agents, FinInstnId/BICFI. */
  readonly bic: string | null;
  readonly country: string | null;
  /** OrgId/LEI, OrgId/Othr/Id or PrvtId/Othr/Id. */
  readonly id: string | null;
}

export interface MappedPayment {
  /** Position in the message (0-based). */
  readonly index: number;
  readonly line: number;
  readonly pmtInfId: string | null;
  readonly instrId: string | null;
  readonly endToEndId: string;
  readonly txId: string | null;
  readonly uetr: string | null;
  readonly amountMinor: number;
  readonly amountText: string;
  readonly currency: string;
  readonly debtor: MappedParty;
  readonly creditor: MappedParty;
  readonly ultimateDebtor: MappedParty | null;
  readonly ultimateCreditor: MappedParty | null;
  readonly initiatingParty: MappedParty | null;
  readonly debtorAgent: MappedParty | null;
  readonly creditorAgent: MappedParty | null;
  readonly intermediaryAgents: readonly MappedParty[];
  readonly purpose: string | null;
  readonly categoryPurpose: string | null;
  readonly serviceLevel: string | null;
  readonly remittanceUnstructured: readonly string[];
  /** Creditor references (Strd/CdtrRefInf/Ref) and referred document numbers (Strd/RfrdDocInf/Nb). */
  readonly remittanceReferences: readonly string[];
  /** A date or date-time of the payment from the message (settlement date, requested execution date). */
  readonly paymentDate: string | null;
  /**
   * Why this transaction cannot be taken although the message is schema-valid (an IBAN failing its checksum → AC01,
   * a BIC with an unknown country → RC01); null when it can.
   */
  readonly problem: { readonly code: 'AC01' | 'RC01'; readonly message: string } | null;
}

export interface MappedMessage {
  readonly messageType: InboundMessageType;
  readonly msgId: string;
  readonly creDtTm: string;
  readonly nbOfTxs: number | null;
  readonly payments: readonly MappedPayment[];
}

interface FieldIssue {
  line: number;
  column: null;
  element: string;
  message: string;
}

/**
 * Maps a schema-valid pacs.008.001.08 or pain.001.001.09/.03 Document into payments: parties and agents, accounts
 * (IBAN checked with ibantools), amounts converted exactly into minor units, identifiers, purpose and remittance.
 * Refuses the whole message (422 `iso20022/message_invalid`, naming each element and line) for an amount that is
 * over-precise for its currency, not in a payment currency, or too large, for a GrpHdr/NbOfTxs other than the
 * number of transactions, and for more than 1,000 transactions.
 */
export function mapPaymentMessage(type: InboundMessageType, document: XmlElementNode): MappedMessage {
  const root = document.children[0];
  if (!root) throw invalid('The Document is empty', []);
  const header = child(root, 'GrpHdr');
  const msgId = textAt(header, 'MsgId') ?? '';
  const creDtTm = textAt(header, 'CreDtTm') ?? '';
  const nb = textAt(header, 'NbOfTxs');
  const issues: FieldIssue[] = [];
  const payments: MappedPayment[] = [];
  const push = (tx: XmlElementNode, context: TxContext): void => {
    if (payments.length >= MAX_INBOUND_TRANSACTIONS) return;
    payments.push(mapTransaction(type, tx, payments.length, context, issues));
  };
  let count = 0;
  if (type === 'pacs.008.001.08') {
    const txs = children(root, 'CdtTrfTxInf');
    count = txs.length;
    for (const tx of txs) push(tx, { pmtInf: null, header });
  } else {
    for (const pmtInf of children(root, 'PmtInf')) {
      const txs = children(pmtInf, 'CdtTrfTxInf');
      count += txs.length;
      for (const tx of txs) push(tx, { pmtInf, header });
    }
  }
  if (count > MAX_INBOUND_TRANSACTIONS) {
    throw invalid(
      `The message has ${count} transactions; at most ${MAX_INBOUND_TRANSACTIONS} are accepted per message (split it)`,
      [],
    );
  }
  if (nb !== undefined && Number(nb) !== count) {
    // A transaction lost (or added) on the way would otherwise pass unnoticed: the group header is the sender's count.
    throw invalid(`GrpHdr/NbOfTxs is ${nb} but the message holds ${count} transaction(s)`, [
      {
        line: child(header, 'NbOfTxs')?.line ?? root.line,
        column: null,
        element: 'NbOfTxs',
        message: 'does not match',
      },
    ]);
  }
  if (issues.length > 0) {
    throw invalid(`${issues.length} amount(s) cannot be taken: ${issues[0].message}`, issues.slice(0, 50));
  }
  return { messageType: type, msgId, creDtTm, nbOfTxs: nb === undefined ? null : Number(nb), payments };
}

interface TxContext {
  readonly pmtInf: XmlElementNode | null;
  readonly header: XmlElementNode | undefined;
}

function mapTransaction(
  type: InboundMessageType,
  tx: XmlElementNode,
  index: number,
  { pmtInf, header }: TxContext,
  issues: FieldIssue[],
): MappedPayment {
  const pacs = type === 'pacs.008.001.08';
  // pain.001: the instructed amount, or the equivalent amount (in its own currency) when the debtor asked for one.
  const amountNode = pacs
    ? child(tx, 'IntrBkSttlmAmt')
    : (nodeAt(tx, 'Amt', 'InstdAmt') ?? nodeAt(tx, 'Amt', 'EqvtAmt', 'Amt'));
  const amountText = amountNode?.text.trim() ?? '';
  const currency = amountNode?.attributes.Ccy ?? '';
  let amountMinor = 0;
  const conversion = toMinorUnits(amountText, currency);
  if (conversion.ok) amountMinor = conversion.minor;
  else {
    issues.push({
      line: amountNode?.line ?? tx.line,
      column: null,
      element: amountNode?.name ?? (pacs ? 'IntrBkSttlmAmt' : 'InstdAmt'),
      message: `transaction ${index + 1}: ${conversion.problem}`,
    });
  }
  const source = pacs ? tx : pmtInf!;
  const problems: { code: 'AC01' | 'RC01'; message: string }[] = [];
  const party = (role: string, node: XmlElementNode | undefined, account?: XmlElementNode) =>
    node ? partyOf(role, node, account, problems) : null;
  const agent = (role: string, node: XmlElementNode | undefined) => (node ? agentOf(role, node, problems) : null);

  const debtor = party('Dbtr', child(source, 'Dbtr'), child(source, 'DbtrAcct'))!;
  const creditor = party('Cdtr', child(tx, 'Cdtr'), child(tx, 'CdtrAcct'));
  const serviceLevel =
    textAt(tx, 'PmtTpInf', 'SvcLvl', 'Cd') ?? (pmtInf ? textAt(pmtInf, 'PmtTpInf', 'SvcLvl', 'Cd') : undefined);
  const categoryPurpose =
    textAt(tx, 'PmtTpInf', 'CtgyPurp', 'Cd') ??
    textAt(tx, 'PmtTpInf', 'CtgyPurp', 'Prtry') ??
    (pmtInf ? textAt(pmtInf, 'PmtTpInf', 'CtgyPurp', 'Cd') : undefined);
  const remittance = child(tx, 'RmtInf');
  const references: string[] = [];
  for (const strd of children(remittance, 'Strd')) {
    const ref = textAt(strd, 'CdtrRefInf', 'Ref');
    if (ref) references.push(ref);
    for (const doc of children(strd, 'RfrdDocInf')) {
      const nb = textAt(doc, 'Nb');
      if (nb) references.push(nb);
    }
    for (const info of children(strd, 'AddtlRmtInf')) if (info.text.trim()) references.push(info.text.trim());
  }
  const paymentDate = pacs
    ? (textAt(tx, 'IntrBkSttlmDt') ?? null)
    : (textAt(pmtInf ?? undefined, 'ReqdExctnDt', 'DtTm') ??
      textAt(pmtInf ?? undefined, 'ReqdExctnDt', 'Dt') ??
      textAt(pmtInf ?? undefined, 'ReqdExctnDt') ??
      null);
  const intermediaries = ['IntrmyAgt1', 'IntrmyAgt2', 'IntrmyAgt3']
    .map((role) => agent(role, child(tx, role)))
    .filter((a): a is MappedParty => a !== null);
  return {
    index,
    line: tx.line,
    pmtInfId: pmtInf ? (textAt(pmtInf, 'PmtInfId') ?? null) : null,
    instrId: textAt(tx, 'PmtId', 'InstrId') ?? null,
    endToEndId: textAt(tx, 'PmtId', 'EndToEndId') ?? 'NOTPROVIDED',
    txId: textAt(tx, 'PmtId', 'TxId') ?? null,
    uetr: textAt(tx, 'PmtId', 'UETR') ?? null,
    amountMinor,
    amountText,
    currency,
    debtor,
    creditor: creditor ?? emptyParty('Cdtr'),
    ultimateDebtor: party('UltmtDbtr', child(tx, 'UltmtDbtr') ?? (pmtInf ? child(pmtInf, 'UltmtDbtr') : undefined)),
    ultimateCreditor: party('UltmtCdtr', child(tx, 'UltmtCdtr')),
    initiatingParty: party('InitgPty', child(tx, 'InitgPty') ?? (pacs ? undefined : child(header, 'InitgPty'))),
    debtorAgent: agent('DbtrAgt', child(source, 'DbtrAgt')),
    creditorAgent: agent('CdtrAgt', child(tx, 'CdtrAgt')),
    intermediaryAgents: intermediaries,
    purpose: textAt(tx, 'Purp', 'Cd') ?? textAt(tx, 'Purp', 'Prtry') ?? null,
    categoryPurpose: categoryPurpose ?? null,
    serviceLevel: serviceLevel ?? null,
    remittanceUnstructured: children(remittance, 'Ustrd')
      .map((u) => u.text.trim())
      .filter((u) => u.length > 0),
    remittanceReferences: references,
    paymentDate,
    problem: problems[0] ?? null,
  };
}

function emptyParty(role: string): MappedParty {
  return { role, name: null, iban: null, account: null, bic: null, country: null, id: null };
}

function partyOf(
  role: string,
  node: XmlElementNode,
  accountNode: XmlElementNode | undefined,
  problems: { code: 'AC01' | 'RC01'; message: string }[],
): MappedParty {
  const org = nodeAt(node, 'Id', 'OrgId');
  const person = nodeAt(node, 'Id', 'PrvtId');
  let bic = textAt(org, 'AnyBIC') ?? textAt(org, 'BICOrBEI') ?? null;
  if (bic !== null && !isValidBIC(bic)) {
    problems.push({ code: 'RC01', message: `${role}: BIC ${bic} is not valid` });
    bic = null;
  }
  let iban = textAt(accountNode, 'Id', 'IBAN') ?? null;
  if (iban !== null && !isValidIBAN(iban)) {
    problems.push({ code: 'AC01', message: `${role}: IBAN ${iban} fails its check digits` });
    iban = null;
  }
  return {
    role,
    name: textAt(node, 'Nm') ?? null,
    iban,
    account: iban === null ? (textAt(accountNode, 'Id', 'Othr', 'Id') ?? null) : null,
    bic,
    country: textAt(node, 'PstlAdr', 'Ctry') ?? textAt(node, 'CtryOfRes') ?? null,
    id: textAt(org, 'LEI') ?? textAt(org, 'Othr', 'Id') ?? textAt(person, 'Othr', 'Id') ?? null,
  };
}

function agentOf(
  role: string,
  node: XmlElementNode,
  problems: { code: 'AC01' | 'RC01'; message: string }[],
): MappedParty {
  const institution = child(node, 'FinInstnId');
  let bic = textAt(institution, 'BICFI') ?? textAt(institution, 'BIC') ?? null;
  if (bic !== null && !isValidBIC(bic)) {
    problems.push({ code: 'RC01', message: `${role}: BIC ${bic} is not valid` });
    bic = null;
  }
  return {
    role,
    name: textAt(institution, 'Nm') ?? null,
    iban: null,
    account: textAt(institution, 'ClrSysMmbId', 'MmbId') ?? null,
    bic,
    country: textAt(institution, 'PstlAdr', 'Ctry') ?? null,
    id: textAt(institution, 'LEI') ?? null,
  };
}

function invalid(message: string, errors: FieldIssue[]): Iso20022Error {
  return new Iso20022Error('iso20022/message_invalid', 'unprocessable', message, { errors });
}
