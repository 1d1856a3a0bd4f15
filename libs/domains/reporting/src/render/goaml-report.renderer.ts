import countries from 'i18n-iso-countries';
import { electronicFormatIBAN, isValidIBAN } from 'ibantools';
import { minorUnitDigits } from '@domains/monitoring';
import type {
  ReportAccount,
  ReportAddress,
  ReportDocument,
  ReportEntity,
  ReportParty,
  ReportPerson,
  ReportTransaction,
  ReportTransactionSide,
} from '../document/report.document.js';
import type { ReportFieldProblem } from './report.renderer.js';
import { goamlDateTime, latinName, minorToMajor, phoneDigits } from './report-value.format.js';
import { el, serializeXml, text, type XmlElement } from './xml.writer.js';

/**
 * goAML 5.0.2 XML (reports/goaml-str, reports/goaml-sar): `report` with the reporting entity, the reporting person
 * (the institution's contact), the location, reason and action, one `transaction` per transaction of the document with
 * its from and to sides, and the report indicators.
 *
 * Every side is written as `t_from` / `t_to` (persons, entities and accounts as `t_person`, `t_entity`, `t_account`),
 * not as `t_from_my_client` / `t_to_my_client`: the my-client types require data a ReportDocument does not carry
 * (identification issue and expiry dates, account opening date, status and signatories, legal form and
 * incorporation date of entities); subjects are flagged with `from_is_suspected` / `to_is_suspected` instead.
 * Names go through latinName() where the schema restricts them to `[a-zA-Z0-9 .'-]`; the original (non-Latin) name is
 * kept in `full_name_frn` for persons and in `comments` for entities.
 */

/** Verity typologies → goAML report indicators of this schema variant (reports/goaml-str/definition.json). */
export const GOAML_INDICATORS: Readonly<Record<string, string>> = {
  structuring: 'STRUC',
  fan_in: 'MLTAC',
  fan_out: 'MLTAC',
  cycle: 'UNUSU',
  rapid_movement: 'UNUSU',
  mule: 'UNUSU',
};
const DEFAULT_INDICATOR = 'UNUSU';

/** Channels → goAML `transmode_code` (conduction_type). */
export const GOAML_TRANSMODE: Readonly<Record<string, string>> = {
  cash: 'BO',
  atm: 'ATM',
  card: 'CCD',
  swift: 'SWIFT',
  wire: 'ELCFT',
  sepa: 'ELCFT',
  ach: 'ELCFT',
  internal: 'ONBNK',
  online: 'INTRN',
  mobile: 'MB',
};

const EMAIL = /^[_a-zA-Z0-9+-]+(\.[_a-zA-Z0-9+-]+)*@[a-zA-Z0-9-]+(\.[a-zA-Z0-9-]+)*(\.[a-zA-Z]{2,15})$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function validateGoaml(doc: ReportDocument): ReportFieldProblem[] {
  const problems: ReportFieldProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  if (doc.kind !== 'STR' && doc.kind !== 'SAR') add('kind', `goAML reports are STR or SAR, not ${doc.kind}`);
  if (!/^[1-9]\d{0,9}$/.test(doc.institution.goamlEntityId) || Number(doc.institution.goamlEntityId) > 2147483647) {
    add('institution.goamlEntityId', 'the goAML reporting entity id (rentity_id) must be a positive integer');
  }
  if (doc.reference.length === 0 || doc.reference.length > 255) add('reference', 'must be 1 to 255 characters');
  if (!/^[A-Z]{3}$/.test(doc.localCurrency)) add('localCurrency', 'must be an ISO 4217 code');
  const [first, ...rest] = doc.institution.contact.name.trim().split(/\s+/);
  if (!first || rest.length === 0 || latinName(first) === '' || latinName(rest.join(' ')) === '') {
    add('institution.contact.name', 'the reporting person needs a first and a last name');
  }
  const address = doc.institution.address;
  if (!address.line1) add('institution.address.line1', 'the location needs a street address');
  if (!address.city) add('institution.address.city', 'the location needs a city');
  if (!/^[A-Z]{2}$/.test(address.country)) add('institution.address.country', 'must be an ISO 3166-1 alpha-2 code');
  if (doc.reason.length > 8000) add('reason', 'at most 8,000 characters');
  if (doc.action.length > 8000) add('action', 'at most 8,000 characters');
  if (doc.transactions.length === 0) add('transactions', 'a goAML transaction report needs at least one transaction');
  const parties = new Map(doc.parties.map((p) => [p.ref, p]));
  const accounts = new Map(doc.accounts.map((a) => [a.ref, a]));
  doc.parties.forEach((party, i) => {
    if (party.kind === 'person') {
      if (!party.firstName || latinName(party.firstName) === '') {
        add(`parties[${i}].firstName`, 'goAML requires a first name (first_name)');
      }
      if (latinName(party.lastName) === '') add(`parties[${i}].lastName`, 'goAML requires a last name (last_name)');
      if (party.birthDate !== null && !ISO_DATE.test(party.birthDate)) {
        add(`parties[${i}].birthDate`, 'must be YYYY-MM-DD, or null when unknown');
      }
    } else if (latinName(party.name) === '') add(`parties[${i}].name`, 'goAML requires an entity name');
  });
  doc.accounts.forEach((account, i) => {
    if (account.number.length === 0) add(`accounts[${i}].number`, 'an account needs its number');
    const holder = account.holderRefs.map((ref) => parties.get(ref)).find((p) => p !== undefined);
    if (!holder) add(`accounts[${i}].holderRefs`, 'an account needs a holder among the parties (account_name)');
  });
  doc.transactions.forEach((tx, i) => {
    if (tx.externalId.length === 0 || tx.externalId.length > 100) {
      add(`transactions[${i}].externalId`, 'must be 1 to 100 characters (transactionnumber)');
    }
    if (tx.currency !== doc.localCurrency && tx.amountLocalMinor === undefined) {
      add(`transactions[${i}].amountLocalMinor`, `the amount in ${doc.localCurrency} is needed (amount_local)`);
    }
    for (const [name, side] of [
      ['from', tx.from],
      ['to', tx.to],
    ] as const) {
      const path = `transactions[${i}].${name}`;
      if (side.accountRef !== undefined && !accounts.has(side.accountRef)) add(`${path}.accountRef`, 'no such account');
      else if (side.partyRef !== undefined && !parties.has(side.partyRef)) add(`${path}.partyRef`, 'no such party');
      else if (side.accountRef === undefined && side.partyRef === undefined) {
        if (!side.name || latinName(side.name) === '') add(`${path}.name`, 'an unknown counterparty needs a name');
      }
    }
  });
  return problems;
}

function addressElement(name: string, address: ReportAddress, type: string): XmlElement | undefined {
  if (!address.line1 || !address.city || !/^[A-Z]{2}$/.test(address.country)) return undefined;
  return el(
    name,
    {},
    text('address_type', type),
    text('address', address.line1.slice(0, 100)),
    address.line2 ? text('additional_address_line1', address.line2.slice(0, 100)) : undefined,
    text('city', address.city.slice(0, 255)),
    address.postalCode ? text('zip', address.postalCode.slice(0, 10)) : undefined,
    text('country_code', address.country),
    text('state', (address.region ?? address.city).slice(0, 255)),
  );
}

function phones(phone: string | undefined, contactType: string): XmlElement | undefined {
  if (!phone || phoneDigits(phone) === '') return undefined;
  return el(
    'phones',
    {},
    el(
      'phone',
      {},
      text('tph_contact_type', contactType),
      text('tph_communication_type', 'L'),
      text('tph_number', phoneDigits(phone).slice(0, 50)),
    ),
  );
}

function addresses(party: ReportParty, type: string): XmlElement | undefined {
  const first = party.addresses.map((a) => addressElement('address', a, type)).find((a) => a !== undefined);
  return first ? el('addresses', {}, first) : undefined;
}

function email(value: string | undefined): XmlElement | undefined {
  return value !== undefined && EMAIL.test(value) && value.length <= 255 ? text('email', value) : undefined;
}

function personElement(name: string, person: ReportPerson): XmlElement {
  const passport = person.identifiers.find((id) => id.type === 'passport' && id.issuingCountry);
  const nationalId = person.identifiers.find((id) => id.type === 'national_id');
  const taxId = person.identifiers.find((id) => id.type === 'tax_id');
  const nativeName =
    person.nativeName ?? (latinName(fullName(person)) !== fullName(person) ? fullName(person) : undefined);
  const residence = person.addresses[0]?.country;
  return el(
    name,
    {},
    person.gender === 'M' || person.gender === 'F' ? text('gender', person.gender) : undefined,
    text('first_name', latinName(person.firstName ?? '').slice(0, 100)),
    person.middleName && latinName(person.middleName) !== ''
      ? text('middle_name', latinName(person.middleName).slice(0, 100))
      : undefined,
    text('last_name', latinName(person.lastName).slice(0, 100)),
    // Unknown birth date: the optional element is left out (goAML has no "unknown" marker for it).
    person.birthDate !== null ? text('birthdate', `${person.birthDate}T00:00:00`) : undefined,
    nativeName ? text('full_name_frn', nativeName.slice(0, 255)) : undefined,
    passport ? text('passport_number', passport.number.slice(0, 255)) : undefined,
    passport ? text('passport_country', passport.issuingCountry) : undefined,
    nationalId ? text('id_number', nationalId.number.slice(0, 255)) : undefined,
    person.nationality ? text('nationality1', person.nationality) : undefined,
    residence && /^[A-Z]{2}$/.test(residence) ? text('residence', residence) : undefined,
    phones(person.phone, 'PRIVT'),
    addresses(person, 'PRIVT'),
    email(person.email),
    person.occupation ? text('occupation', person.occupation.slice(0, 255)) : undefined,
    taxId ? text('tax_number', taxId.number.slice(0, 100)) : undefined,
  );
}

function fullName(person: ReportPerson): string {
  return [person.firstName, person.middleName, person.lastName].filter((p) => p).join(' ');
}

function entityElement(name: string, entity: ReportEntity): XmlElement {
  const taxId = entity.identifiers.find((id) => id.type === 'tax_id');
  const registration = entity.registrationNumber ?? entity.identifiers.find((id) => id.type === 'registration')?.number;
  const nativeName = entity.nativeName ?? (latinName(entity.name) !== entity.name ? entity.name : undefined);
  return el(
    name,
    {},
    text('name', latinName(entity.name).slice(0, 255)),
    registration ? text('incorporation_number', registration.slice(0, 50)) : undefined,
    entity.businessType ? text('business', entity.businessType.slice(0, 255)) : undefined,
    phones(entity.phone, 'BU'),
    addresses(entity, 'BU'),
    email(entity.email),
    entity.incorporationCountry ? text('incorporation_country_code', entity.incorporationCountry) : undefined,
    taxId ? text('tax_number', taxId.number.slice(0, 100)) : undefined,
    nativeName ? text('comments', `Name as registered: ${nativeName}`) : undefined,
  );
}

/**
 * `t_account`: the institution, number, holder's name and IBAN; a business holder as the account's `t_entity`, and
 * every person among the holders as a `signatory` (the first marked primary) with their full `t_person`, so the
 * person's identity (names, birth date, identifiers, addresses) travels with the account.
 */
function accountElement(
  name: string,
  account: ReportAccount,
  holder: ReportParty | undefined,
  persons: readonly ReportPerson[] = [],
): XmlElement {
  const holderName = holder ? (holder.kind === 'entity' ? holder.name : fullName(holder)) : account.number;
  const iban = /^[A-Z]{2}\d{2}[A-Z0-9]{1,30}$/.test(account.number.replace(/\s/g, ''))
    ? account.number.replace(/\s/g, '')
    : undefined;
  const bic = account.institutionBic && /^[A-Z0-9]{8}([A-Z0-9]{3})?$/.test(account.institutionBic);
  return el(
    name,
    {},
    text('institution_name', account.institutionName.slice(0, 255) || 'Unknown'),
    bic
      ? text('swift', account.institutionBic)
      : text('institution_code', account.institutionName.slice(0, 50) || 'UNKNOWN'),
    text('account', account.number.slice(0, 255)),
    /^[A-Z]{3}$/.test(account.currency) ? text('currency_code', account.currency) : undefined,
    text('account_name', (latinName(holderName) || 'Unknown').slice(0, 255)),
    iban && iban.length <= 34 ? text('iban', iban) : undefined,
    holder?.kind === 'entity' ? entityElement('t_entity', holder) : undefined,
    ...persons.map((person, i) =>
      el('signatory', {}, i === 0 ? text('is_primary', '1') : undefined, personElement('t_person', person)),
    ),
    account.openedOn ? text('opened', `${account.openedOn.slice(0, 10)}T00:00:00`) : undefined,
    account.closedOn ? text('closed', `${account.closedOn.slice(0, 10)}T00:00:00`) : undefined,
  );
}

interface Lookup {
  parties: Map<string, ReportParty>;
  accounts: Map<string, ReportAccount>;
  jurisdiction: string;
}

function sideElement(
  prefix: 'from' | 'to',
  side: ReportTransactionSide,
  tx: ReportTransaction,
  doc: ReportDocument,
  lookup: Lookup,
) {
  const account = side.accountRef !== undefined ? lookup.accounts.get(side.accountRef) : undefined;
  const party = side.partyRef !== undefined ? lookup.parties.get(side.partyRef) : undefined;
  const holder = account?.holderRefs.map((ref) => lookup.parties.get(ref)).find((p) => p !== undefined);
  const suspected = (party ?? holder)?.isSubject === true;
  let subject: XmlElement;
  if (account) {
    const persons = account.holderRefs
      .map((ref) => lookup.parties.get(ref))
      .filter((p): p is ReportPerson => p?.kind === 'person');
    subject = accountElement(`${prefix}_account`, account, holder, persons);
  } else if (party?.kind === 'person') subject = personElement(`${prefix}_person`, party);
  else if (party?.kind === 'entity') subject = entityElement(`${prefix}_entity`, party);
  else if (side.account) {
    subject = el(
      `${prefix}_account`,
      {},
      side.bic ? text('swift', side.bic) : text('institution_code', 'UNKNOWN'),
      text('account', side.account.slice(0, 255)),
      text('account_name', (latinName(side.name ?? '') || 'Unknown').slice(0, 255)),
    );
  } else {
    // A counterparty the payment only names: goAML has no "unknown party kind", so it is written as an entity by name.
    subject = el(`${prefix}_entity`, {}, text('name', (latinName(side.name ?? '') || 'Unknown').slice(0, 255)));
  }
  // The side's own country, else its party's, else the country of its account when that is a valid IBAN (a local
  // account number such as `ACC-1` says nothing about a country), else the report's jurisdiction.
  const iban = account ? electronicFormatIBAN(account.number) : undefined;
  const country = [
    side.country,
    (party ?? holder)?.addresses[0]?.country,
    iban && isValidIBAN(iban) ? iban.slice(0, 2) : undefined,
  ].find((code): code is string => code !== undefined && countries.isValid(code));
  const foreign =
    tx.currency !== doc.localCurrency
      ? el(
          `${prefix}_foreign_currency`,
          {},
          text('foreign_currency_code', tx.currency),
          text('foreign_amount', minorToMajor(tx.amountMinor, tx.currencyExponent)),
        )
      : undefined;
  return el(
    prefix === 'from' ? 't_from' : 't_to',
    {},
    text(`${prefix}_funds_code`, tx.cash ? 'CASH' : 'ELCFT'),
    foreign,
    text(`${prefix}_is_suspected`, suspected ? 'true' : 'false'),
    subject,
    text(`${prefix}_country`, country ?? lookup.jurisdiction),
  );
}

function transactionElement(tx: ReportTransaction, doc: ReportDocument, lookup: Lookup): XmlElement {
  const local =
    tx.currency === doc.localCurrency
      ? minorToMajor(tx.amountMinor, tx.currencyExponent)
      : minorToMajor(tx.amountLocalMinor ?? '0', minorUnitDigits(doc.localCurrency));
  return el(
    'transaction',
    {},
    text('transactionnumber', tx.externalId.slice(0, 100)),
    text('internal_ref_number', tx.ref.slice(0, 100)),
    text('transaction_location', doc.institution.name.slice(0, 255)),
    text(
      'transaction_description',
      (tx.description ?? `${tx.channel} ${tx.direction === 'in' ? 'credit' : 'debit'}`).slice(0, 8000),
    ),
    text('date_transaction', goamlDateTime(tx.bookedAt)),
    text('transmode_code', tx.cash ? 'BO' : (GOAML_TRANSMODE[tx.channel] ?? 'ELCFT')),
    text('transmode_comment', tx.cash ? 'C' : 'E'),
    text('amount_local', local),
    sideElement('from', tx.from, tx, doc, lookup),
    sideElement('to', tx.to, tx, doc, lookup),
  );
}

export function goamlIndicators(typologies: readonly string[]): string[] {
  const codes = typologies.map((t) => GOAML_INDICATORS[t] ?? DEFAULT_INDICATOR);
  return [...new Set(codes.length > 0 ? codes : [DEFAULT_INDICATOR])];
}

/** The goAML XML of `doc` (validate first: this assumes validateGoaml() returned nothing). */
export function renderGoaml(doc: ReportDocument): string {
  const contact = doc.institution.contact;
  const [first, ...rest] = contact.name.trim().split(/\s+/);
  const lookup: Lookup = {
    parties: new Map(doc.parties.map((p) => [p.ref, p])),
    accounts: new Map(doc.accounts.map((a) => [a.ref, a])),
    jurisdiction: countries.isValid(doc.jurisdiction) ? doc.jurisdiction : doc.institution.address.country,
  };
  const report = el(
    'report',
    {},
    text('schema_version', '5.0.2'),
    text('rentity_id', doc.institution.goamlEntityId),
    text('submission_code', 'E'),
    text('report_code', doc.kind),
    text('entity_reference', doc.reference),
    doc.amends?.filedReference ? text('fiu_ref_number', doc.amends.filedReference.slice(0, 255)) : undefined,
    text('submission_date', goamlDateTime(doc.generatedAt)),
    text('currency_code_local', doc.localCurrency),
    el(
      'reporting_person',
      {},
      text('first_name', latinName(first ?? '').slice(0, 100)),
      text('last_name', latinName(rest.join(' ')).slice(0, 100)),
      phones(contact.phone, 'BU'),
      EMAIL.test(contact.email) ? text('email', contact.email) : undefined,
      contact.title ? text('occupation', contact.title.slice(0, 255)) : undefined,
    ),
    addressElement('location', doc.institution.address, 'BU'),
    text('reason', doc.reason.slice(0, 8000)),
    text('action', doc.action.slice(0, 8000)),
    doc.transactions.map((tx) => transactionElement(tx, doc, lookup)),
    el(
      'report_indicators',
      {},
      goamlIndicators(doc.activity.typologies).map((code) => text('indicator', code)),
    ),
  );
  return serializeXml(report);
}
