import type {
  ReportAccount,
  ReportDocument,
  ReportEntity,
  ReportInstitution,
  ReportPerson,
  ReportTransaction,
} from '../document/report.document.js';

/**
 * ReportDocument fixtures for renderer and evidence tests (and anyone else's): a US institution, a Cyrillic-named
 * individual subject, a subject with an unknown date of birth, a business subject, a counterparty, their accounts and
 * a few transactions. `withTransactions(doc, n)` scales the transaction list; `ctrDocumentFixture()` is one business
 * day of cash over $10,000.
 */

export const institutionFixture: ReportInstitution = {
  name: 'First Verity Bank N.A.',
  goamlEntityId: '101',
  tin: '12-3456789',
  tinType: 'EIN',
  federalRegulator: '4',
  institutionType: 'depository',
  address: { line1: '1 Liberty Plaza', city: 'New York', region: 'NY', postalCode: '10006', country: 'US' },
  contact: { name: 'Sara Khan', phone: '+1 212 555 0100', email: 'bsa.officer@example.com', title: 'BSA Officer' },
  transmitterControlCode: 'TBSATEST',
};

export const ivanPetrov: ReportPerson = {
  kind: 'person',
  ref: 'cus-ivan',
  customerId: 'cus-ivan',
  isSubject: true,
  firstName: 'Иван',
  lastName: 'Петров',
  nativeName: 'Иван Петров',
  birthDate: '1980-04-12',
  nationality: 'RU',
  gender: 'M',
  occupation: 'Trader',
  email: 'ivan.petrov@example.com',
  phone: '+1 646 555 0199',
  addresses: [{ line1: '25 Brighton Beach Ave', city: 'Brooklyn', region: 'NY', postalCode: '11235', country: 'US' }],
  identifiers: [
    { type: 'passport', number: '721234567', issuingCountry: 'RU' },
    { type: 'tax_id', number: '123-45-6789', issuingCountry: 'US' },
  ],
};

export const mariaUnknownBirth: ReportPerson = {
  kind: 'person',
  ref: 'cus-maria',
  customerId: 'cus-maria',
  isSubject: true,
  firstName: 'Maria',
  lastName: "O'Neil-Schmidt",
  birthDate: null,
  gender: 'F',
  addresses: [{ line1: '9 Canal St', city: 'New York', region: 'NY', postalCode: '10013', country: 'US' }],
  identifiers: [],
};

export const acmeTrading: ReportEntity = {
  kind: 'entity',
  ref: 'cus-acme',
  customerId: 'cus-acme',
  isSubject: true,
  name: 'Acme Trading GmbH',
  incorporationCountry: 'DE',
  registrationNumber: 'HRB 123456',
  businessType: 'Wholesale of electronics',
  email: 'finance@acme.example',
  addresses: [{ line1: 'Hafenstraße 12', city: 'Hamburg', postalCode: '20457', country: 'DE' }],
  identifiers: [{ type: 'tax_id', number: 'DE123456789', issuingCountry: 'DE' }],
};

export const johnSmith: ReportPerson = {
  kind: 'person',
  ref: 'cp:1',
  isSubject: false,
  firstName: 'John',
  lastName: 'Smith',
  birthDate: null,
  addresses: [{ city: 'London', country: 'GB' }],
  identifiers: [],
};

export const accountsFixture: ReportAccount[] = [
  {
    ref: 'acc-ivan',
    number: '000123456789',
    institutionName: 'First Verity Bank N.A.',
    institutionBic: 'FVBKUS33',
    currency: 'USD',
    holderRefs: ['cus-ivan'],
    openedOn: '2024-01-15',
  },
  {
    ref: 'acc-acme',
    number: 'DE89370400440532013000',
    institutionName: 'Commerzbank',
    institutionBic: 'COBADEFF',
    currency: 'USD',
    holderRefs: ['cus-acme'],
  },
  {
    ref: 'acc-maria',
    number: '000987654321',
    institutionName: 'First Verity Bank N.A.',
    currency: 'USD',
    holderRefs: ['cus-maria'],
  },
];

function tx(n: number, partial: Partial<ReportTransaction>): ReportTransaction {
  return {
    ref: `txn-${n}`,
    externalId: `EXT-${String(n).padStart(6, '0')}`,
    bookedAt: `2026-03-${String(1 + (n % 28)).padStart(2, '0')}T${String(9 + (n % 8)).padStart(2, '0')}:15:00Z`,
    amountMinor: String(900_000 + n * 1_234),
    currency: 'USD',
    currencyExponent: 2,
    direction: 'out',
    channel: 'wire',
    cash: false,
    from: { accountRef: 'acc-ivan' },
    to: { accountRef: 'acc-acme' },
    decision: 'review',
    ...partial,
  };
}

const baseTransactions: ReportTransaction[] = [
  tx(1, {
    direction: 'in',
    channel: 'cash',
    cash: true,
    from: { name: 'Cash deposit' },
    to: { accountRef: 'acc-ivan' },
  }),
  tx(2, {}),
  tx(3, {
    from: { accountRef: 'acc-maria' },
    to: { partyRef: 'cp:1', account: 'GB29NWBK60161331926819', country: 'GB' },
  }),
  tx(4, {
    direction: 'in',
    from: { accountRef: 'acc-acme' },
    to: { accountRef: 'acc-maria' },
    description: 'Invoice 2026/17',
  }),
  tx(5, { from: { accountRef: 'acc-ivan' }, to: { name: 'Ömer Çelik', country: 'TR' }, decision: 'block' }),
];

export function reportDocumentFixture(overrides: Partial<ReportDocument> = {}): ReportDocument {
  const transactions = overrides.transactions ?? baseTransactions;
  const total = transactions.reduce((sum, t) => sum + BigInt(t.amountMinor), 0n);
  return {
    id: '3f8e2c4a-0000-4000-8000-000000000001',
    kind: 'STR',
    reference: 'RPT-2026-000042',
    caseReference: 'CASE-2026-0007',
    jurisdiction: 'US',
    generatedAt: '2026-03-30T12:00:00.000Z',
    localCurrency: 'USD',
    institution: institutionFixture,
    activity: {
      from: '2026-03-01',
      to: '2026-03-29',
      totalAmountMinor: total.toString(),
      currency: 'USD',
      typologies: ['structuring', 'fan_out'],
    },
    parties: [ivanPetrov, mariaUnknownBirth, acmeTrading, johnSmith],
    accounts: accountsFixture,
    transactions,
    narrative:
      'Between 1 and 29 March 2026 the subjects moved funds through a chain of accounts.\n\n' +
      'Иван Петров deposited cash just under the reporting threshold several times and wired the funds onward to ' +
      'Acme Trading GmbH, which paid Maria O’Neil-Schmidt, who sent them to a counterparty in London.',
    reason: 'Repeated cash deposits below the threshold followed by immediate wires to a related business.',
    action: 'Accounts placed under enhanced monitoring; relationship under review.',
    ...overrides,
  };
}

/** `doc` with `count` generated transactions between its parties instead of its own. */
export function withTransactions(doc: ReportDocument, count: number): ReportDocument {
  const accounts = ['acc-ivan', 'acc-acme', 'acc-maria'];
  const transactions = Array.from({ length: count }, (_, i) =>
    tx(i + 1, {
      direction: i % 2 === 0 ? 'out' : 'in',
      from: { accountRef: accounts[i % 3] },
      to: { accountRef: accounts[(i + 1) % 3] },
    }),
  );
  const total = transactions.reduce((sum, t) => sum + BigInt(t.amountMinor), 0n);
  return { ...doc, transactions, activity: { ...doc.activity, totalAmountMinor: total.toString() } };
}

/** A CTR: Ivan's cash deposits of one business day ($12,500 in), and Maria's withdrawal ($10,200 out). */
export function ctrDocumentFixture(): ReportDocument {
  const day = '2026-03-16';
  const cash = (n: number, amount: string, direction: 'in' | 'out', account: string): ReportTransaction => ({
    ref: `ctr-${n}`,
    externalId: `CASH-${n}`,
    bookedAt: `${day}T${String(9 + n).padStart(2, '0')}:00:00Z`,
    amountMinor: amount,
    currency: 'USD',
    currencyExponent: 2,
    direction,
    channel: 'cash',
    cash: true,
    from: direction === 'in' ? { name: 'Cash' } : { accountRef: account },
    to: direction === 'in' ? { accountRef: account } : { name: 'Cash' },
  });
  const transactions = [
    cash(1, '700000', 'in', 'acc-ivan'),
    cash(2, '550000', 'in', 'acc-ivan'),
    cash(3, '1020000', 'out', 'acc-maria'),
  ];
  return reportDocumentFixture({
    kind: 'CTR',
    reference: 'CTR-2026-000003',
    caseReference: undefined,
    activity: { from: day, to: day, totalAmountMinor: '2270000', currency: 'USD', typologies: [] },
    parties: [ivanPetrov, mariaUnknownBirth],
    accounts: accountsFixture.filter((a) => a.ref !== 'acc-acme'),
    transactions,
    narrative: 'Cash transactions over $10,000 in one business day.',
  });
}
