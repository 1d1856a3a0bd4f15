import type { ReportDocument, ReportParty, ReportTransaction } from '../document/report.document.js';
import {
  FINCEN_NAMESPACE,
  FincenXml,
  filerParties,
  usdAmountMinor,
  validateFincenCommon,
} from './fincen-batch.parts.js';
import type { ReportFieldProblem } from './report.renderer.js';
import { compactDate, involves, minorToWholeUp } from './report-value.format.js';
import { serializeXml, type XmlElement } from './xml.writer.js';

/**
 * FinCEN CTR batch XML (EFL_CTRXBatchSchema.xsd, reports/fincen-ctr): one `Activity` per subject of the document —
 * the people (or entities) whose cash in or cash out on the business day exceeded $10,000 — each with the
 * transmitter (35), transmitter contact (37), filing institution (30), contact office (8), the transaction location
 * (34) and the person conducting the transactions on their own behalf (50) with their cash-in and cash-out totals,
 * and the `CurrencyTransactionActivity` (totals per direction and one detail line per kind: deposits 55,
 * withdrawals 56).
 */

export const CTR_THRESHOLD_CENTS = 1_000_000n;
const CTR_ORGANIZATION_CODES = ['1', '2', '4', '5', '999'];
const CTR_REGULATORS = ['9', '1', '2', '7', '3', '4', '6', '14'];

interface CashTotals {
  readonly party: ReportParty;
  readonly cashIn: bigint;
  readonly cashOut: bigint;
  readonly day: string;
  readonly count: number;
}

function cashTotals(doc: ReportDocument): CashTotals[] {
  const holders = new Map(doc.accounts.map((a) => [a.ref, a.holderRefs]));
  return doc.parties
    .filter((p) => p.isSubject)
    .map((party) => {
      const mine: ReportTransaction[] = doc.transactions.filter(
        (tx) => tx.cash && usdAmountMinor(tx, doc) !== null && involves(tx, party, (ref) => holders.get(ref) ?? []),
      );
      const sum = (direction: 'in' | 'out') =>
        mine
          .filter((tx) => tx.direction === direction)
          .reduce((total, tx) => total + (usdAmountMinor(tx, doc) ?? 0n), 0n);
      return { party, cashIn: sum('in'), cashOut: sum('out'), day: doc.activity.from, count: mine.length };
    });
}

export function validateFincenCtr(doc: ReportDocument): ReportFieldProblem[] {
  const problems = validateFincenCommon(doc, CTR_ORGANIZATION_CODES);
  const add = (path: string, message: string) => problems.push({ path, message });
  if (doc.kind !== 'CTR') add('kind', `a FinCEN CTR is filed for a CTR, not a ${doc.kind}`);
  if (!CTR_REGULATORS.includes(doc.institution.federalRegulator)) {
    add('institution.federalRegulator', `must be one of ${CTR_REGULATORS.join(', ')} for a CTR`);
  }
  const totals = cashTotals(doc);
  if (totals.length === 0) add('parties', 'a CTR needs at least one subject (the person conducting the transactions)');
  totals.forEach((t) => {
    const i = doc.parties.indexOf(t.party);
    if (t.cashIn <= CTR_THRESHOLD_CENTS && t.cashOut <= CTR_THRESHOLD_CENTS) {
      add(`parties[${i}]`, 'neither cash in nor cash out of this subject exceeds $10,000 on the day');
    }
  });
  const day = doc.activity.from.slice(0, 10);
  doc.transactions.forEach((tx, i) => {
    if (!tx.cash) add(`transactions[${i}].cash`, 'a CTR lists cash transactions only');
    if (tx.bookedAt.slice(0, 10) !== day) add(`transactions[${i}].bookedAt`, `not on the business day ${day}`);
  });
  return problems;
}

function conductor(x: FincenXml, t: CashTotals): XmlElement {
  const party = t.party;
  const isPerson = party.kind === 'person';
  const address = party.addresses[0];
  const ids = x.partyIdentifications(party).slice(0, 2);
  return x.seqEl(
    'Party',
    x.text('ActivityPartyTypeCode', '50'),
    x.flag('BirthDateUnknownIndicator', isPerson && party.birthDate === null),
    x.flag('FemaleGenderIndicator', isPerson && party.gender === 'F'),
    isPerson && party.birthDate !== null ? x.text('IndividualBirthDateText', compactDate(party.birthDate)) : undefined,
    t.cashIn > 0n ? x.text('IndividualEntityCashInAmountText', minorToWholeUp(t.cashIn, 2).toString()) : undefined,
    t.cashOut > 0n ? x.text('IndividualEntityCashOutAmountText', minorToWholeUp(t.cashOut, 2).toString()) : undefined,
    x.flag('MaleGenderIndicator', isPerson && party.gender === 'M'),
    x.flag('MultipleTransactionsPersonsIndividualsIndicator', t.count > 1),
    x.flag('PartyAsEntityOrganizationIndicator', !isPerson),
    x.flag('UnknownGenderIndicator', isPerson && (party.gender === undefined || party.gender === 'U')),
    x.partyName(party),
    address ? x.address(address) : undefined,
    x.phone(party.phone),
    ids,
  );
}

function ctrActivity(x: FincenXml, doc: ReportDocument, t: CashTotals): XmlElement {
  const inst = doc.institution;
  const cashIn = minorToWholeUp(t.cashIn, 2);
  const cashOut = minorToWholeUp(t.cashOut, 2);
  const detail = (code: string, amount: bigint) =>
    x.seqEl(
      'CurrencyTransactionActivityDetail',
      x.text('CurrencyTransactionActivityDetailTypeCode', code),
      x.text('DetailTransactionAmountText', amount.toString()),
      x.text('OtherCurrencyTransactionActivityDetailText', ''),
      x.text('OtherForeignCurrencyCountryText', ''),
    );
  return x.seqEl(
    'Activity',
    doc.amends?.filedReference && /^\d{1,14}$/.test(doc.amends.filedReference)
      ? x.text('EFilingPriorDocumentNumber', doc.amends.filedReference)
      : undefined,
    x.text('FilingDateText', compactDate(doc.generatedAt)),
    x.seqEl(
      'ActivityAssociation',
      x.text('CorrectsAmendsPriorReportIndicator', doc.amends !== undefined ? 'Y' : ''),
      x.text('FinCENDirectBackFileIndicator', ''),
      x.text('InitialReportIndicator', doc.amends === undefined ? 'Y' : ''),
    ),
    filerParties(x, doc),
    x.seqEl(
      'Party',
      x.text('ActivityPartyTypeCode', '34'),
      x.text('PrimaryRegulatorTypeCode', inst.federalRegulator),
      x.orgName(inst.name),
      x.address(inst.address),
      x.identification('2', inst.tin.replace(/-/g, '')),
      x.organization(inst),
    ),
    conductor(x, t),
    x.seqEl(
      'CurrencyTransactionActivity',
      x.text('AggregateTransactionIndicator', t.count > 1 ? 'Y' : ''),
      x.text('ArmoredCarServiceIndicator', ''),
      x.text('ATMIndicator', ''),
      x.text('MailDepositShipmentIndicator', ''),
      x.text('NightDepositIndicator', ''),
      x.text('SharedBranchingIndicator', ''),
      x.text('TotalCashInReceiveAmountText', cashIn.toString()),
      x.text('TotalCashOutAmountText', cashOut.toString()),
      x.text('TransactionDateText', compactDate(t.day)),
      cashIn > 0n ? detail('55', cashIn) : undefined,
      cashOut > 0n ? detail('56', cashOut) : undefined,
    ),
  );
}

/** The FinCEN CTR batch XML of `doc` (validate first: this assumes validateFincenCtr() returned nothing). */
export function renderFincenCtr(doc: ReportDocument): string {
  const x = new FincenXml();
  const totals = cashTotals(doc).filter((t) => t.cashIn > CTR_THRESHOLD_CENTS || t.cashOut > CTR_THRESHOLD_CENTS);
  const activities = totals.map((t) => ctrActivity(x, doc, t));
  const amount = totals.reduce((sum, t) => sum + minorToWholeUp(t.cashIn, 2) + minorToWholeUp(t.cashOut, 2), 0n);
  const parties = activities.reduce((n, a) => n + a.children.filter((c) => c.name === 'fc2:Party').length, 0);
  const root = x.el(
    'EFilingBatchXML',
    {
      'xmlns:fc2': FINCEN_NAMESPACE,
      TotalAmount: amount.toString(),
      PartyCount: String(parties),
      ActivityCount: String(activities.length),
    },
    x.text('FormTypeCode', 'CTRX'),
    activities,
  );
  return serializeXml(root);
}
