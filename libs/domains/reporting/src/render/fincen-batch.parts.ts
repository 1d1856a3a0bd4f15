import type {
  ReportAddress,
  ReportDocument,
  ReportIdentifier,
  ReportInstitution,
  ReportParty,
  ReportTransaction,
} from '../document/report.document.js';
import type { ReportFieldProblem } from './report.renderer.js';
import { fincenText, latinName, phoneDigits } from './report-value.format.js';
import { el, text, type XmlElement } from './xml.writer.js';

/** The FinCEN BSA E-Filing namespace; every element is qualified (`fc2:`), attributes are not. */
export const FINCEN_NAMESPACE = 'www.fincen.gov/base';

/** Gives out the document-wide unique `SeqNum` values the batch schemas require (`Unique-SeqNum`). */
export class SeqNums {
  private next = 1;
  take(): string {
    return String(this.next++);
  }
}

/** `fc2:`-prefixed element helpers bound to one document's SeqNum counter. */
export class FincenXml {
  constructor(readonly seq: SeqNums = new SeqNums()) {}

  /** An element carrying a fresh SeqNum. */
  seqEl(name: string, ...children: Parameters<typeof el>[2][]): XmlElement {
    return el(`fc2:${name}`, { SeqNum: this.seq.take() }, ...children);
  }

  el(name: string, attributes: Record<string, string>, ...children: Parameters<typeof el>[2][]): XmlElement {
    return el(`fc2:${name}`, attributes, ...children);
  }

  text(name: string, value: string | number | undefined | null): XmlElement | undefined {
    return text(`fc2:${name}`, value);
  }

  /** `Y` indicator or nothing. */
  flag(name: string, on: boolean): XmlElement | undefined {
    return on ? text(`fc2:${name}`, 'Y') : undefined;
  }

  address(address: ReportAddress): XmlElement {
    const us = address.country === 'US';
    return this.seqEl(
      'Address',
      this.flag('CityUnknownIndicator', !address.city),
      this.text('RawCityText', fincenText(address.city, 50)),
      this.text('RawCountryCodeText', fincenText(address.country, 2)),
      this.text('RawStateCodeText', fincenText(us ? address.region : undefined, 3)),
      this.text('RawStreetAddress1Text', fincenText(address.line1, 100)),
      this.text('RawZIPCode', fincenText(address.postalCode?.replace(/[^0-9A-Za-z]/g, ''), 9)),
      this.flag('StreetAddressUnknownIndicator', !address.line1),
      this.flag('ZIPCodeUnknownIndicator', !address.postalCode),
    );
  }

  phone(phone: string | undefined, typeCode?: string): XmlElement | undefined {
    const digits = phone ? phoneDigits(phone).slice(-16) : '';
    if (digits === '') return undefined;
    return this.seqEl(
      'PhoneNumber',
      this.text('PhoneNumberText', digits),
      typeCode ? this.text('PhoneNumberTypeCode', typeCode) : undefined,
    );
  }

  /** A legal name (`L`) of an organisation or contact: RawPartyFullName / RawEntityIndividualLastName. */
  orgName(name: string, asEntity = true): XmlElement {
    return this.seqEl(
      'PartyName',
      this.text('PartyNameTypeCode', 'L'),
      asEntity ? this.text('RawEntityIndividualLastName', fincenText(name, 150)) : undefined,
      asEntity ? undefined : this.text('RawPartyFullName', fincenText(name, 150)),
    );
  }

  /** The legal name of a party: individual first/middle/last (transliterated), or the entity name. */
  partyName(party: ReportParty): XmlElement {
    if (party.kind === 'entity') return this.orgName(latinName(party.name));
    const first = party.firstName ? fincenText(latinName(party.firstName), 35) : undefined;
    return this.seqEl(
      'PartyName',
      this.flag('FirstNameUnknownIndicator', first === undefined),
      this.text('PartyNameTypeCode', 'L'),
      this.text('RawEntityIndividualLastName', fincenText(latinName(party.lastName), 150)),
      this.text('RawIndividualFirstName', first),
      this.text('RawIndividualMiddleName', party.middleName ? fincenText(latinName(party.middleName), 35) : undefined),
    );
  }

  identification(code: string, number: string | undefined, extra: { country?: string; otherText?: string } = {}) {
    return this.seqEl(
      'PartyIdentification',
      this.text('OtherIssuerCountryText', fincenText(extra.country, 2)),
      this.text('OtherPartyIdentificationTypeText', fincenText(extra.otherText, 50)),
      this.text('PartyIdentificationNumberText', fincenText(number?.replace(/[^0-9A-Za-z]/g, ''), 25)),
      this.text('PartyIdentificationTypeCode', code),
    );
  }

  /** A subject's identifiers as FinCEN identification types (`ValidatePartyIdentificationCodeType`). */
  partyIdentifications(party: ReportParty): XmlElement[] {
    const out: XmlElement[] = [];
    const tax = party.identifiers.find((id) => id.type === 'tax_id');
    if (tax) {
      const foreign = tax.issuingCountry !== undefined && tax.issuingCountry !== 'US';
      out.push(
        this.identification(foreign ? '9' : party.kind === 'entity' ? '2' : '1', tax.number, {
          country: foreign ? tax.issuingCountry : undefined,
        }),
      );
    } else {
      out.push(this.seqEl('PartyIdentification', this.flag('TINUnknownIndicator', true)));
    }
    for (const id of party.identifiers.filter((i) => i.type !== 'tax_id')) out.push(this.identifier(id));
    return out;
  }

  private identifier(id: ReportIdentifier): XmlElement {
    switch (id.type) {
      case 'passport':
        return this.identification('6', id.number, { country: id.issuingCountry });
      case 'driver_license':
        return this.identification('5', id.number, { country: id.issuingCountry });
      case 'national_id':
      case 'lei':
      case 'registration':
      case 'other':
      case 'tax_id':
        return this.identification('999', id.number, {
          country: id.issuingCountry,
          otherText: id.type === 'lei' ? 'LEI' : id.type === 'registration' ? 'Registration number' : 'National ID',
        });
    }
  }

  /** `OrganizationClassificationTypeSubtype` of the filing institution. */
  organization(institution: ReportInstitution): XmlElement {
    const code = FINCEN_ORGANIZATION_TYPES[institution.institutionType] ?? institution.institutionType;
    const known = /^\d+$/.test(code) && code !== '999';
    return this.seqEl(
      'OrganizationClassificationTypeSubtype',
      this.text('OrganizationTypeID', known ? code : '999'),
      known
        ? undefined
        : this.text('OtherOrganizationTypeText', fincenText(institution.institutionType, 50) ?? 'Other'),
    );
  }
}

/** Verity institution types → FinCEN `OrganizationTypeID` (a numeric code may be given directly). */
export const FINCEN_ORGANIZATION_TYPES: Readonly<Record<string, string>> = {
  casino: '1',
  depository: '2',
  bank: '2',
  insurance: '3',
  msb: '4',
  payment_institution: '4',
  securities: '5',
};

/**
 * A transaction's amount in US cents, as FinCEN reports amounts: its own amount when it is in dollars, else its local
 * (dollar) equivalent when the report's local currency is USD; null when neither is known.
 */
export function usdAmountMinor(tx: ReportTransaction, doc: ReportDocument): bigint | null {
  if (tx.currency === 'USD') return BigInt(tx.amountMinor);
  if (doc.localCurrency === 'USD' && tx.amountLocalMinor !== undefined) return BigInt(tx.amountLocalMinor);
  return null;
}

/** Problems every FinCEN batch shares: the filer, transmitter and contact fields, US dollars. */
export function validateFincenCommon(doc: ReportDocument, organizationCodes: readonly string[]): ReportFieldProblem[] {
  const problems: ReportFieldProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  const inst = doc.institution;
  if (!fincenText(inst.name, 150)) add('institution.name', 'the filing institution needs a name');
  if (!/^\d{9}$/.test(inst.tin.replace(/-/g, ''))) add('institution.tin', 'the filer TIN must be 9 digits');
  if (!inst.transmitterControlCode || !/^[A-Za-z0-9]{1,25}$/.test(inst.transmitterControlCode)) {
    add('institution.transmitterControlCode', 'FinCEN requires the transmitter control code (TCC)');
  }
  if (!['9', '1', '2', '7', '3', '4', '6', '13', '14', '99'].includes(inst.federalRegulator)) {
    add('institution.federalRegulator', 'must be a FinCEN primary federal regulator code (e.g. 4 for OCC, 7 for IRS)');
  }
  const org = FINCEN_ORGANIZATION_TYPES[inst.institutionType] ?? inst.institutionType;
  if (!/^\d+$/.test(org) ? !fincenText(inst.institutionType, 50) : !organizationCodes.includes(org)) {
    add('institution.institutionType', `must be a FinCEN organisation type (${organizationCodes.join(', ')})`);
  }
  if (!inst.address.line1) add('institution.address.line1', 'the filer needs a street address');
  if (!inst.address.city) add('institution.address.city', 'the filer needs a city');
  if (!/^[A-Z]{2}$/.test(inst.address.country))
    add('institution.address.country', 'must be an ISO 3166-1 alpha-2 code');
  if (!fincenText(inst.contact.name, 150)) add('institution.contact.name', 'the contact office needs a name');
  if (phoneDigits(inst.contact.phone).length < 10)
    add('institution.contact.phone', 'needs a phone number (10+ digits)');
  if (!/^\d{4}-\d{2}-\d{2}/.test(doc.activity.from)) add('activity.from', 'must be a date');
  doc.transactions.forEach((tx, i) => {
    if (usdAmountMinor(tx, doc) === null) {
      add(`transactions[${i}].amountLocalMinor`, 'FinCEN amounts are in US dollars: give the US dollar equivalent');
    }
  });
  doc.parties.forEach((party, i) => {
    if (party.kind === 'person' && latinName(party.lastName) === '') {
      add(`parties[${i}].lastName`, 'FinCEN requires the last name');
    }
    if (party.kind === 'entity' && latinName(party.name) === '') add(`parties[${i}].name`, 'FinCEN requires the name');
    if (party.kind === 'person' && party.birthDate !== null && !/^(19|20)\d{2}-\d{2}-\d{2}$/.test(party.birthDate)) {
      add(`parties[${i}].birthDate`, 'must be YYYY-MM-DD (1900–2099), or null when unknown');
    }
  });
  return problems;
}

/** The transmitter (35), transmitter contact (37), filing institution (30) and contact office (8) parties. */
export function filerParties(x: FincenXml, doc: ReportDocument, reportingCode = '30'): XmlElement[] {
  const inst = doc.institution;
  const tin = inst.tin.replace(/-/g, '');
  return [
    x.seqEl(
      'Party',
      x.text('ActivityPartyTypeCode', '35'),
      x.orgName(inst.name, false),
      x.address(inst.address),
      x.phone(inst.contact.phone),
      x.identification('4', tin),
      x.identification('28', inst.transmitterControlCode),
    ),
    x.seqEl('Party', x.text('ActivityPartyTypeCode', '37'), x.orgName(inst.contact.name, false)),
    x.seqEl(
      'Party',
      x.text('ActivityPartyTypeCode', reportingCode),
      x.text('PrimaryRegulatorTypeCode', inst.federalRegulator),
      x.orgName(inst.name),
      x.address(inst.address),
      x.identification('2', tin),
      x.organization(inst),
    ),
    x.seqEl(
      'Party',
      x.text('ActivityPartyTypeCode', '8'),
      x.orgName(inst.contact.title ? `${inst.name} ${inst.contact.title}` : `${inst.name} compliance`, false),
      x.phone(inst.contact.phone),
    ),
  ];
}
