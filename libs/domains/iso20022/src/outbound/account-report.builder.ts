import { isValidBIC, isValidIBAN, electronicFormatIBAN } from 'ibantools';
import {
  formatMinorAmount,
  isoDate,
  isoDateTime,
  isoText,
  leaf,
  node,
  renderIsoDocument,
  type XmlChild,
  type XmlElementNode,
} from './iso-xml.writer.js';

export const CAMT_053 = 'camt.053.001.08';
export const CAMT_054 = 'camt.054.001.08';
export type AccountReportType = typeof CAMT_053 | typeof CAMT_054;

/** The other side of a booked transaction, as monitoring stored it; every field may be missing. */
export interface ReportCounterparty {
  readonly name?: string | null;
  readonly iban?: string | null;
  readonly account?: string | null;
  readonly bic?: string | null;
  readonly country?: string | null;
}

/** One booked transaction of the account: `in` credits the account, `out` debits it. */
export interface ReportEntryInput {
  readonly transactionId: string;
  readonly externalId: string;
  readonly direction: 'in' | 'out';
  /** Minor units of `currency` (integer string or bigint; always positive in monitoring). */
  readonly amountMinor: string | bigint;
  readonly currency: string;
  readonly bookedAt: Date;
  readonly counterparty: ReportCounterparty;
  readonly endToEndId?: string | null;
  readonly uetr?: string | null;
  readonly remittance?: string | null;
}

export interface AccountReportInput {
  readonly messageId: string;
  readonly createdAt: Date;
  /** The provider's account reference: an IBAN goes out as `<IBAN>`, anything else as `<Othr><Id>`. */
  readonly accountId: string;
  /** Period reported, `from` inclusive, `to` exclusive. */
  readonly from: Date;
  readonly to: Date;
  readonly entries: readonly ReportEntryInput[];
  /**
   * Opening booked balance per currency, minor units, signed (positive = credit). Verity only knows flows, so the
   * caller passes what it knows (default 0); the closing balance is opening + credits − debits of the period.
   */
  readonly openingBalanceMinor?: Readonly<Record<string, bigint>>;
}

/** What the builder computed, for the message store's summary and the tests. */
export interface AccountReportSection {
  readonly id: string;
  readonly currency: string;
  readonly entryCount: number;
  readonly creditMinor: string;
  readonly debitMinor: string;
  readonly openingMinor: string;
  readonly closingMinor: string;
}

export interface BuiltAccountReport {
  readonly xml: string;
  readonly sections: readonly AccountReportSection[];
}

const UUID_V4 = /^[a-f0-9]{8}-[a-f0-9]{4}-4[a-f0-9]{3}-[89ab][a-f0-9]{3}-[a-f0-9]{12}$/;
const COUNTRY = /^[A-Z]{2}$/;

/** `NOTPROVIDED` is the ISO convention for an end-to-end id the originator did not give. */
export const NOT_PROVIDED = 'NOTPROVIDED';

function accountId(id: string | null | undefined): XmlChild {
  if (!id) return null;
  const iban = electronicFormatIBAN(id) ?? '';
  if (isValidIBAN(iban)) return node('Id', leaf('IBAN', iban));
  const other = isoText(id, 34);
  return other ? node('Id', node('Othr', leaf('Id', other))) : null;
}

function party(role: 'Dbtr' | 'Cdtr', cp: ReportCounterparty): XmlChild {
  const country = cp.country?.toUpperCase();
  return node(
    role,
    node(
      'Pty',
      leaf('Nm', isoText(cp.name, 140)),
      country && COUNTRY.test(country) ? node('PstlAdr', leaf('Ctry', country)) : null,
    ),
  );
}

function partyAccount(role: 'DbtrAcct' | 'CdtrAcct', cp: ReportCounterparty): XmlChild {
  return node(role, accountId(cp.iban ?? cp.account));
}

function agent(role: 'DbtrAgt' | 'CdtrAgt', bic: string | null | undefined): XmlChild {
  const normalised = bic?.replace(/\s+/g, '').toUpperCase();
  return normalised && isValidBIC(normalised) ? node(role, node('FinInstnId', leaf('BICFI', normalised))) : null;
}

function amount(minor: string | bigint, currency: string): XmlElementNode {
  return { name: 'Amt', attrs: { Ccy: currency }, text: formatMinorAmount(minor, currency) };
}

function entry(e: ReportEntryInput): XmlChild {
  const credit = e.direction === 'in';
  const indicator = credit ? 'CRDT' : 'DBIT';
  // The account's owner is the customer; the counterparty is the debtor of a credit and the creditor of a debit.
  const uetr = e.uetr?.toLowerCase();
  return node(
    'Ntry',
    leaf('NtryRef', isoText(e.externalId, 35)),
    amount(e.amountMinor, e.currency),
    leaf('CdtDbtInd', indicator),
    node('Sts', leaf('Cd', 'BOOK')),
    node('BookgDt', leaf('DtTm', isoDateTime(e.bookedAt))),
    node('ValDt', leaf('Dt', isoDate(e.bookedAt))),
    leaf('AcctSvcrRef', isoText(e.externalId, 35)),
    // ISO bank transaction code: Payments / received (RCDT) or issued (ICDT) credit transfers / other.
    node(
      'BkTxCd',
      node('Domn', leaf('Cd', 'PMNT'), node('Fmly', leaf('Cd', credit ? 'RCDT' : 'ICDT'), leaf('SubFmlyCd', 'OTHR'))),
    ),
    node(
      'NtryDtls',
      node(
        'TxDtls',
        node(
          'Refs',
          leaf('AcctSvcrRef', isoText(e.externalId, 35)),
          leaf('EndToEndId', isoText(e.endToEndId, 35) ?? NOT_PROVIDED),
          leaf('UETR', uetr && UUID_V4.test(uetr) ? uetr : undefined),
        ),
        amount(e.amountMinor, e.currency),
        leaf('CdtDbtInd', indicator),
        credit
          ? node('RltdPties', party('Dbtr', e.counterparty), partyAccount('DbtrAcct', e.counterparty))
          : node('RltdPties', party('Cdtr', e.counterparty), partyAccount('CdtrAcct', e.counterparty)),
        credit
          ? node('RltdAgts', agent('DbtrAgt', e.counterparty.bic))
          : node('RltdAgts', agent('CdtrAgt', e.counterparty.bic)),
        node('RmtInf', leaf('Ustrd', isoText(e.remittance, 140))),
      ),
    ),
  );
}

function balance(code: 'OPBD' | 'CLBD', minor: bigint, currency: string, day: Date): XmlChild {
  return node(
    'Bal',
    node('Tp', node('CdOrPrtry', leaf('Cd', code))),
    amount(minor < 0n ? -minor : minor, currency),
    // A zero balance is reported as a credit (ISO: a zero amount carries CRDT).
    leaf('CdtDbtInd', minor < 0n ? 'DBIT' : 'CRDT'),
    node('Dt', leaf('Dt', isoDate(day))),
  );
}

function byCurrency(entries: readonly ReportEntryInput[]): Map<string, ReportEntryInput[]> {
  const groups = new Map<string, ReportEntryInput[]>();
  for (const e of entries) {
    const list = groups.get(e.currency) ?? [];
    list.push(e);
    groups.set(e.currency, list);
  }
  return groups;
}

/**
 * camt.053.001.08 (bank-to-customer statement) or camt.054.001.08 (debit/credit notification) for one account and
 * period: one Stmt / Ntfctn per currency of the booked transactions (oldest first). A statement carries the opening
 * (OPBD) and closing (CLBD) booked balances; a notification carries only the entries. A period without transactions
 * gives one empty section in `fallbackCurrency`.
 */
export function buildAccountReport(
  type: AccountReportType,
  input: AccountReportInput,
  fallbackCurrency = 'EUR',
): BuiltAccountReport {
  const groups = byCurrency([...input.entries].sort((a, b) => a.bookedAt.getTime() - b.bookedAt.getTime()));
  if (groups.size === 0) groups.set(fallbackCurrency, []);
  const sections: AccountReportSection[] = [];
  const blocks: XmlChild[] = [];
  const lastDay = new Date(Math.max(input.from.getTime(), input.to.getTime() - 1));
  let index = 0;
  for (const [currency, entries] of [...groups.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    index += 1;
    let credit = 0n;
    let debit = 0n;
    for (const e of entries) {
      const minor = BigInt(e.amountMinor);
      if (e.direction === 'in') credit += minor;
      else debit += minor;
    }
    const opening = input.openingBalanceMinor?.[currency] ?? 0n;
    const closing = opening + credit - debit;
    const id = `${input.messageId.slice(0, 30)}-${index}`;
    sections.push({
      id,
      currency,
      entryCount: entries.length,
      creditMinor: credit.toString(),
      debitMinor: debit.toString(),
      openingMinor: opening.toString(),
      closingMinor: closing.toString(),
    });
    const statement = type === CAMT_053;
    blocks.push(
      node(
        statement ? 'Stmt' : 'Ntfctn',
        leaf('Id', id),
        leaf('CreDtTm', isoDateTime(input.createdAt)),
        node('FrToDt', leaf('FrDtTm', isoDateTime(input.from)), leaf('ToDtTm', isoDateTime(input.to))),
        node('Acct', accountId(input.accountId), leaf('Ccy', currency)),
        statement ? balance('OPBD', opening, currency, input.from) : null,
        statement ? balance('CLBD', closing, currency, lastDay) : null,
        node(
          'TxsSummry',
          node(
            'TtlNtries',
            leaf('NbOfNtries', String(entries.length)),
            leaf('Sum', formatMinorAmount(credit + debit, currency)),
          ),
          node(
            'TtlCdtNtries',
            leaf('NbOfNtries', String(entries.filter((e) => e.direction === 'in').length)),
            leaf('Sum', formatMinorAmount(credit, currency)),
          ),
          node(
            'TtlDbtNtries',
            leaf('NbOfNtries', String(entries.filter((e) => e.direction === 'out').length)),
            leaf('Sum', formatMinorAmount(debit, currency)),
          ),
        ),
        ...entries.map(entry),
      ),
    );
  }
  const body = node(
    type === CAMT_053 ? 'BkToCstmrStmt' : 'BkToCstmrDbtCdtNtfctn',
    node('GrpHdr', leaf('MsgId', input.messageId), leaf('CreDtTm', isoDateTime(input.createdAt))),
    ...blocks,
  ) as XmlElementNode;
  return { xml: renderIsoDocument(type, body), sections };
}
