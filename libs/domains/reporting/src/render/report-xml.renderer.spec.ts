import { XMLParser } from 'fast-xml-parser';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '@platform/config';
import { XsdSchema } from '@platform/xml';
import type { ReportDocument } from '../document/report.document.js';
import { ReportingError } from '../reporting.errors.js';
import {
  ctrDocumentFixture,
  mariaUnknownBirth,
  johnSmith,
  reportDocumentFixture,
  withTransactions,
} from './report-document.fixture.js';
import { REPORT_SCHEMAS, ReportRenderer } from './report.renderer.js';

/** Parsed XML as the spec reads it: a member is text, an element or a list (the spec only reads what it rendered). */
type XmlNode = Xml & string & Xml[];
interface Xml {
  readonly [name: string]: XmlNode;
}

const renderer = new ReportRenderer();
const schema = (format: keyof typeof REPORT_SCHEMAS) => XsdSchema.load(join(projectRoot(), REPORT_SCHEMAS[format]));
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const parse = (xml: string) =>
  new XMLParser({
    ignoreAttributes: false,
    parseTagValue: false,
    isArray: (name) =>
      [
        'transaction',
        'fc2:Party',
        'fc2:Activity',
        'fc2:ActivityNarrativeInformation',
        'fc2:PartyIdentification',
        'fc2:SuspiciousActivityClassification',
        'indicator',
      ].includes(name),
  }).parse(xml) as Xml;

async function renderValid(doc: ReportDocument, format: keyof typeof REPORT_SCHEMAS): Promise<string> {
  expect(renderer.validate(doc, format)).toEqual([]);
  const rendered = await renderer.render(doc, format);
  const xml = decode(rendered.bytes);
  const result = schema(format).validate(xml);
  expect(result.issues).toEqual([]);
  return xml;
}

describe('goAML XML', () => {
  it.each(['STR', 'SAR'] as const)(
    'renders a %s with several subjects that validates against the goAML schema',
    async (kind) => {
      const xml = await renderValid(reportDocumentFixture({ kind }), 'goaml');
      const report = parse(xml).report;
      expect(report.report_code).toBe(kind);
      expect(report.rentity_id).toBe('101');
      expect(report.submission_code).toBe('E');
      expect(report.entity_reference).toBe('RPT-2026-000042');
      expect(report.transaction).toHaveLength(5);
      expect(report.report_indicators.indicator).toEqual(['STRUC', 'MLTAC']);
    },
  );

  it('transliterates non-Latin names into the restricted name fields and keeps the original in full_name_frn', async () => {
    const doc = reportDocumentFixture({
      transactions: [{ ...reportDocumentFixture().transactions[1], from: { partyRef: 'cus-ivan' } }],
    });
    const report = parse(await renderValid(doc, 'goaml')).report;
    const person = report.transaction[0].t_from.from_person;
    expect(person).toMatchObject({ first_name: 'Ivan', last_name: 'Petrov', full_name_frn: 'Иван Петров' });
    expect(person.birthdate).toBe('1980-04-12T00:00:00');
    expect(report.transaction[0].t_from.from_is_suspected).toBe('true');
    // The entity side of the same wire is an account with its holder entity.
    expect(report.transaction[0].t_to.to_account.t_entity.name).toBe('Acme Trading GmbH');
  });

  it("writes a person's account with the person as its primary signatory, identity and all", async () => {
    const report = parse(await renderValid(reportDocumentFixture(), 'goaml')).report;
    // The second transaction is a wire from Ivan Petrov's account to Acme's.
    const account = report.transaction[1].t_from.from_account;
    expect(account.account_name).toBe('Ivan Petrov');
    expect(account.signatory).toMatchObject({
      is_primary: '1',
      t_person: { first_name: 'Ivan', last_name: 'Petrov', birthdate: '1980-04-12T00:00:00' },
    });
    // A business's account carries the business as its t_entity and no signatory.
    expect(report.transaction[1].t_to.to_account).not.toHaveProperty('signatory');
  });

  it('omits the birth date of a person whose date of birth is unknown', async () => {
    const doc = reportDocumentFixture({
      transactions: [{ ...reportDocumentFixture().transactions[1], from: { partyRef: mariaUnknownBirth.ref } }],
    });
    const person = parse(await renderValid(doc, 'goaml')).report.transaction[0].t_from.from_person;
    expect(person.last_name).toBe("O'Neil-Schmidt");
    expect(person).not.toHaveProperty('birthdate');
  });

  it("takes a side's country from its account only when that is a valid IBAN (a local number names no country)", async () => {
    const base = reportDocumentFixture();
    const holder = { ...johnSmith, ref: 'cus-local', addresses: [] };
    const local = { ...base.accounts[0], ref: 'acc-local', number: 'ACC-7781', holderRefs: ['cus-local'] };
    const doc: ReportDocument = {
      ...base,
      parties: [...base.parties, holder],
      accounts: [...base.accounts, local],
      transactions: [
        { ...base.transactions[1], from: { accountRef: 'acc-local' }, to: { account: 'ACC-9912', name: 'Payee' } },
      ],
    };
    const transaction = parse(await renderValid(doc, 'goaml')).report.transaction[0];
    expect(transaction.t_from.from_account.account).toBe('ACC-7781');
    expect(transaction.t_from.from_country).toBe(base.jurisdiction);
    expect(transaction.t_to.to_country).toBe(base.jurisdiction);
  });

  it('renders 500 transactions that validate', async () => {
    const xml = await renderValid(withTransactions(reportDocumentFixture(), 500), 'goaml');
    expect(parse(xml).report.transaction).toHaveLength(500);
  });

  it('validate() names the missing fields by path, and render() refuses the document', async () => {
    const base = reportDocumentFixture();
    const doc: ReportDocument = {
      ...base,
      institution: { ...base.institution, goamlEntityId: 'abc' },
      parties: base.parties.map((p, i) => (i === 1 && p.kind === 'person' ? { ...p, firstName: undefined } : p)),
      transactions: [{ ...base.transactions[1], currency: 'EUR' }],
    };
    const paths = renderer.validate(doc, 'goaml').map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining(['institution.goamlEntityId', 'parties[1].firstName', 'transactions[0].amountLocalMinor']),
    );
    await expect(renderer.render(doc, 'goaml')).rejects.toMatchObject({ code: 'reporting/report_fields_invalid' });
  });

  it('writes a foreign-currency transaction with its local amount and the original amount', async () => {
    const base = reportDocumentFixture();
    const doc = {
      ...base,
      transactions: [{ ...base.transactions[1], currency: 'EUR', amountMinor: '100000', amountLocalMinor: '108000' }],
    };
    const transaction = parse(await renderValid(doc, 'goaml')).report.transaction[0];
    expect(transaction.amount_local).toBe('1080.00');
    expect(transaction.t_from.from_foreign_currency).toEqual({
      foreign_currency_code: 'EUR',
      foreign_amount: '1000.00',
    });
  });
});

describe('FinCEN SAR XML', () => {
  it('renders a batch with the required parties, activity and narrative that validates against the SAR schema', async () => {
    const xml = await renderValid(reportDocumentFixture({ kind: 'SAR' }), 'fincen-sar');
    const batch = parse(xml)['fc2:EFilingBatchXML'];
    expect(batch['fc2:FormTypeCode']).toBe('SARX');
    const activity = batch['fc2:Activity'][0];
    const codes = activity['fc2:Party'].map((p: Xml) => p['fc2:ActivityPartyTypeCode']);
    expect(codes).toEqual(['35', '37', '30', '8', '34', '33', '33', '33']);
    expect(batch['@_PartyCount']).toBe('8');
    expect(batch['@_ActivityCount']).toBe('1');
    const subjects: Xml[] = activity['fc2:Party'].filter((_: Xml, i: number) => i >= 5);
    expect(subjects[0]['fc2:PartyName']['fc2:RawIndividualFirstName']).toBe('Ivan');
    expect(subjects[1]['fc2:BirthDateUnknownIndicator']).toBe('Y');
    expect(subjects[1]).not.toHaveProperty('fc2:IndividualBirthDateText');
    expect(subjects[2]['fc2:PartyAsEntityOrganizationIndicator']).toBe('Y');
    const suspicious = activity['fc2:SuspiciousActivity'];
    expect(suspicious['fc2:SuspiciousActivityFromDateText']).toBe('20260301');
    expect(
      suspicious['fc2:SuspiciousActivityClassification'].map((c: Xml) => c['fc2:SuspiciousActivitySubtypeID']),
    ).toEqual(['114', '807']);
    // Whole dollars, rounded up, and the batch total equals the activity's.
    expect(batch['@_TotalAmount']).toBe(suspicious['fc2:TotalSuspiciousAmountText']);
    const seqNums = [...xml.matchAll(/SeqNum="(\d+)"/g)].map((m) => m[1]);
    expect(new Set(seqNums).size).toBe(seqNums.length);
  });

  it('splits a long narrative into chunks of at most 4,000 characters, and refuses one longer than five chunks', async () => {
    const paragraph = 'The subject moved funds repeatedly between related accounts without an economic reason. ';
    const narrative = paragraph.repeat(150); // ~13,500 characters → 4 chunks
    const xml = await renderValid(reportDocumentFixture({ kind: 'SAR', narrative }), 'fincen-sar');
    const chunks = parse(xml)['fc2:EFilingBatchXML']['fc2:Activity'][0]['fc2:ActivityNarrativeInformation'];
    expect(chunks.length).toBe(4);
    for (const chunk of chunks) expect(chunk['fc2:ActivityNarrativeText'].length).toBeLessThanOrEqual(4000);
    expect(
      chunks
        .map((c: Xml) => c['fc2:ActivityNarrativeText'])
        .join(' ')
        .replace(/\s+/g, ' '),
    ).toBe(narrative.trim().replace(/\s+/g, ' '));

    const tooLong = reportDocumentFixture({ kind: 'SAR', narrative: paragraph.repeat(300) });
    expect(renderer.validate(tooLong, 'fincen-sar').map((p) => p.path)).toContain('narrative');
  });

  it('renders 500 transactions (one activity) that validate', async () => {
    await renderValid(withTransactions(reportDocumentFixture({ kind: 'SAR' }), 500), 'fincen-sar');
  });

  it('validate() names missing filer fields and subjects', () => {
    const base = reportDocumentFixture({ kind: 'SAR' });
    const doc: ReportDocument = {
      ...base,
      institution: { ...base.institution, transmitterControlCode: undefined, tin: '12' },
      parties: base.parties.map((p) => ({ ...p, isSubject: false })),
    };
    expect(renderer.validate(doc, 'fincen-sar').map((p) => p.path)).toEqual(
      expect.arrayContaining(['institution.tin', 'institution.transmitterControlCode', 'parties']),
    );
  });
});

describe('FinCEN CTR XML', () => {
  it('renders one activity per person over $10,000 that validates against the CTR schema', async () => {
    const xml = await renderValid(ctrDocumentFixture(), 'fincen-ctr');
    const batch = parse(xml)['fc2:EFilingBatchXML'];
    expect(batch['fc2:FormTypeCode']).toBe('CTRX');
    expect(batch['@_ActivityCount']).toBe('2');
    expect(batch['@_TotalAmount']).toBe('22700');
    const [ivan, maria] = batch['fc2:Activity'];
    const conductor = (a: Xml): Xml => a['fc2:Party'].find((p: Xml) => p['fc2:ActivityPartyTypeCode'] === '50') ?? {};
    expect(conductor(ivan)['fc2:IndividualEntityCashInAmountText']).toBe('12500');
    expect(conductor(ivan)['fc2:MultipleTransactionsPersonsIndividualsIndicator']).toBe('Y');
    expect(ivan['fc2:CurrencyTransactionActivity']['fc2:TotalCashInReceiveAmountText']).toBe('12500');
    expect(conductor(maria)['fc2:IndividualEntityCashOutAmountText']).toBe('10200');
    expect(conductor(maria)['fc2:BirthDateUnknownIndicator']).toBe('Y');
    expect(maria['fc2:CurrencyTransactionActivity']['fc2:TransactionDateText']).toBe('20260316');
  });

  it('counts cash in another currency at its US dollar equivalent, and asks for it when it is missing', async () => {
    const base = ctrDocumentFixture();
    // Ivan's second deposit was in euros: €5,000.00, worth $5,500.00 on the day.
    const euros = { ...base.transactions[1], currency: 'EUR', amountMinor: '500000', amountLocalMinor: '550000' };
    const doc: ReportDocument = { ...base, transactions: [base.transactions[0], euros, base.transactions[2]] };
    const batch = parse(await renderValid(doc, 'fincen-ctr'))['fc2:EFilingBatchXML'];
    expect(batch['fc2:Activity'][0]['fc2:CurrencyTransactionActivity']['fc2:TotalCashInReceiveAmountText']).toBe(
      '12500',
    );

    const { amountLocalMinor: _dropped, ...withoutDollars } = euros;
    const missing: ReportDocument = {
      ...doc,
      transactions: [base.transactions[0], withoutDollars, base.transactions[2]],
    };
    expect(renderer.validate(missing, 'fincen-ctr').map((p) => p.path)).toContain('transactions[1].amountLocalMinor');
  });

  it('validate() refuses a subject under the threshold and non-cash transactions', () => {
    const base = ctrDocumentFixture();
    const doc: ReportDocument = {
      ...base,
      transactions: [{ ...base.transactions[0], cash: false }, base.transactions[2]],
    };
    const paths = renderer.validate(doc, 'fincen-ctr').map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['parties[0]', 'transactions[0].cash']));
  });
});

describe('render() guards the schema', () => {
  it('throws reporting/schema_invalid listing the XSD issues when the output does not validate', async () => {
    const base = reportDocumentFixture();
    // XX passes validate()'s shape check but is not in goAML's country code list.
    const broken = reportDocumentFixture({
      institution: { ...base.institution, address: { ...base.institution.address, country: 'XX' } },
    });
    expect(renderer.validate(broken, 'goaml')).toEqual([]);
    await expect(renderer.render(broken, 'goaml')).rejects.toSatisfy(
      (error: unknown) =>
        error instanceof ReportingError &&
        error.code === 'reporting/schema_invalid' &&
        /country_code/.test(error.message),
    );
  });
});
