import { describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { CAMT_053, CAMT_054, buildAccountReport, type ReportEntryInput } from './account-report.builder.js';
import { iso20022Schema } from '../xml/iso20022-schema.locator.js';

const FROM = new Date('2026-11-01T00:00:00Z');
const TO = new Date('2026-12-01T00:00:00Z');
const CREATED = new Date('2026-12-01T08:00:00Z');

function entry(i: number, overrides: Partial<ReportEntryInput> = {}): ReportEntryInput {
  return {
    transactionId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    externalId: `tx-${i}`,
    direction: i % 3 === 0 ? 'out' : 'in',
    amountMinor: String(100 + i),
    currency: 'EUR',
    bookedAt: new Date(FROM.getTime() + i * 60_000),
    counterparty: { name: `Counterparty ${i}`, iban: 'DE89370400440532013000', bic: 'COBADEFFXXX', country: 'DE' },
    endToEndId: `E2E-${i}`,
    ...overrides,
  };
}

const parser = new XMLParser({
  ignoreAttributes: false,
  parseTagValue: false,
  isArray: (name) => ['Ntry', 'Stmt', 'Ntfctn', 'Bal'].includes(name),
});

interface ParsedAmount {
  '#text': string;
  '@_Ccy': string;
}
interface ParsedSection {
  Acct: { Ccy: string; Id: { IBAN?: string; Othr?: { Id: string } } };
  Bal?: { Tp: { CdOrPrtry: { Cd: string } }; Amt: ParsedAmount; CdtDbtInd: string }[];
  Ntry: { CdtDbtInd: string; NtryDtls: { TxDtls: { Refs: { EndToEndId: string } } } }[];
}
interface ParsedReport {
  Document: {
    BkToCstmrStmt?: { Stmt: ParsedSection[] };
    BkToCstmrDbtCdtNtfctn?: { Ntfctn: ParsedSection[] };
  };
}

function sectionsOf(xml: string): ParsedSection[] {
  const doc = (parser.parse(xml) as ParsedReport).Document;
  return doc.BkToCstmrStmt?.Stmt ?? doc.BkToCstmrDbtCdtNtfctn?.Ntfctn ?? [];
}

function validate(type: string, xml: string): void {
  const result = iso20022Schema(type).validate(xml);
  expect(result.issues).toEqual([]);
  expect(result.valid).toBe(true);
}

describe('buildAccountReport', () => {
  it('writes a camt.053 statement whose closing balance is opening + credits − debits, with exact amounts', () => {
    const entries = [
      entry(1, { amountMinor: '12345', direction: 'in' }),
      entry(2, { amountMinor: '5', direction: 'out' }),
      entry(4, { amountMinor: '500', currency: 'JPY', direction: 'in' }),
      entry(5, { amountMinor: '1234', currency: 'BHD', direction: 'out' }),
    ];
    const { xml, sections } = buildAccountReport(CAMT_053, {
      messageId: 'STMT-1',
      createdAt: CREATED,
      accountId: 'DE89 3704 0044 0532 0130 00',
      from: FROM,
      to: TO,
      entries,
      openingBalanceMinor: { EUR: 1000n },
    });
    validate(CAMT_053, xml);
    const stmts = sectionsOf(xml);
    expect(stmts.map((s) => s.Acct.Ccy)).toEqual(['BHD', 'EUR', 'JPY']);
    const [bhd, eur] = stmts;
    expect(eur?.Acct.Id.IBAN).toBe('DE89370400440532013000');
    expect(eur?.Bal?.map((b) => [b.Tp.CdOrPrtry.Cd, b.Amt['#text'], b.CdtDbtInd])).toEqual([
      ['OPBD', '10.00', 'CRDT'],
      ['CLBD', '133.40', 'CRDT'],
    ]);
    expect(xml).toContain('<Amt Ccy="EUR">123.45</Amt>');
    expect(xml).toContain('<Amt Ccy="EUR">0.05</Amt>');
    expect(xml).toContain('<Amt Ccy="JPY">500</Amt>');
    expect(xml).toContain('<Amt Ccy="BHD">1.234</Amt>');
    // The BHD account only went out: its closing balance is a debit.
    expect(bhd?.Bal?.map((b) => [b.Amt['#text'], b.CdtDbtInd])).toEqual([
      ['0.000', 'CRDT'],
      ['1.234', 'DBIT'],
    ]);
    expect(sections.find((s) => s.currency === 'EUR')).toMatchObject({ openingMinor: '1000', closingMinor: '13340' });
    expect(eur?.Ntry.map((n) => n.CdtDbtInd)).toEqual(['CRDT', 'DBIT']);
    expect(eur?.Ntry[0]?.NtryDtls.TxDtls.Refs.EndToEndId).toBe('E2E-1');
  });

  it('stays schema-valid with 2,000 transactions, non-Latin names, markup characters and missing parties', () => {
    const names = ['山田太郎', 'Иван Петров', 'محمد علي', 'Smith & <Sons> "Ltd"', '   ', 'x'.repeat(300)];
    const entries = Array.from({ length: 2000 }, (_, i) =>
      entry(i, {
        counterparty:
          i % 7 === 0
            ? { name: '' }
            : {
                name: names[i % names.length],
                account: i % 2 ? 'acct/42 & co' : undefined,
                bic: i % 5 ? 'not-a-bic' : undefined,
              },
        endToEndId: i % 4 === 0 ? null : `E2E-${'é'.repeat(40)}`,
        uetr: i % 3 === 0 ? 'e0c1bc6c-5ed7-4a1b-9c4d-2f7e6c2b8d11' : 'not-a-uuid',
        remittance: i % 2 ? 'Rechnung 山田 <42> & more' : null,
      }),
    );
    for (const type of [CAMT_053, CAMT_054] as const) {
      const { xml, sections } = buildAccountReport(type, {
        messageId: 'M-2000',
        createdAt: CREATED,
        accountId: 'acc-1',
        from: FROM,
        to: TO,
        entries,
      });
      validate(type, xml);
      expect(sections[0]?.entryCount).toBe(2000);
      expect(xml).toContain('<Nm>山田太郎</Nm>');
      expect(xml).toContain('<Nm>Иван Петров</Nm>');
      expect(xml).toContain('<Nm>Smith &amp; &lt;Sons&gt; &quot;Ltd&quot;</Nm>');
      const [block] = sectionsOf(xml);
      expect(block?.Ntry).toHaveLength(2000);
      expect(block?.Acct.Id.Othr?.Id).toBe('acc-1');
    }
  });

  it('writes a camt.054 notification without balances, and an empty period as one empty section', () => {
    const { xml } = buildAccountReport(CAMT_054, {
      messageId: 'N-1',
      createdAt: CREATED,
      accountId: 'acc-2',
      from: FROM,
      to: TO,
      entries: [entry(1)],
    });
    validate(CAMT_054, xml);
    expect(xml).not.toContain('<Bal>');
    const empty = buildAccountReport(
      CAMT_053,
      { messageId: 'S-0', createdAt: CREATED, accountId: 'acc-2', from: FROM, to: TO, entries: [] },
      'USD',
    );
    validate(CAMT_053, empty.xml);
    expect(empty.sections).toEqual([expect.objectContaining({ currency: 'USD', entryCount: 0, closingMinor: '0' })]);
  });
});
