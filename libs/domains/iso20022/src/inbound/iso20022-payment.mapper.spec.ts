import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Iso20022Error } from '../iso20022.errors.js';
import { iso20022Schema } from '../xml/iso20022-schema.locator.js';
import { readInboundMessage, type ReadContext } from './iso20022-message.reader.js';
import { mapPaymentMessage } from './iso20022-payment.mapper.js';
import { buildPaymentMessage } from './payment-message.factory.js';

const SAMPLES = new URL('../../schemas/samples/phoughton_iso20022-cbpr-ur/', import.meta.url).pathname;
const sample = (path: string): string => readFileSync(`${SAMPLES}${path}`, 'utf8');
const context = (): ReadContext => ({ messageType: 'unknown', msgId: null, businessMessageId: null });

function read(xml: string) {
  const message = readInboundMessage(xml, context());
  return { read: message, mapped: mapPaymentMessage(message.messageType, message.document) };
}

function errorOf(run: () => unknown): Iso20022Error {
  try {
    run();
  } catch (error) {
    if (error instanceof Iso20022Error) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('reading and mapping inbound payment messages', () => {
  it('maps the CBPR+ pacs.008 max sample: ids, exact amount, parties, agents, remittance', () => {
    const { read: message, mapped } = read(sample('src/cbpr_rules/examples/y2025/pacs.008.max.xml'));
    expect(message.messageType).toBe('pacs.008.001.08');
    expect(message.businessMessageId).not.toBeNull();
    expect(mapped.payments).toHaveLength(1);
    const [payment] = mapped.payments;
    const xml = sample('src/cbpr_rules/examples/y2025/pacs.008.max.xml');
    const amount = /<IntrBkSttlmAmt Ccy="([A-Z]{3})">([\d.]+)</.exec(xml)!;
    expect(payment.currency).toBe(amount[1]);
    expect(payment.amountText).toBe(amount[2]);
    expect(payment.endToEndId).toBe(/<EndToEndId>([^<]+)</.exec(xml)![1]);
    expect(payment.uetr).toBe(/<UETR>([^<]+)</.exec(xml)![1]);
    expect(payment.debtor.name).toBeTruthy();
    expect(payment.creditor.name).toBeTruthy();
    expect(payment.debtorAgent?.bic ?? payment.debtorAgent?.account).toBeTruthy();
  });

  it('maps the pacs.008 min sample, with 1000.00 EUR as 100000 minor units', () => {
    const { mapped } = read(sample('src/cbpr_rules/examples/y2025/pacs.008.min.xml'));
    expect(mapped.msgId).toBe('EXMsgId');
    expect(mapped.payments[0]).toMatchObject({
      endToEndId: 'EXEndToEndId',
      instrId: 'EXInstrId',
      uetr: '00000000-0000-4000-9a9f-b231a317421a',
      amountMinor: 100000,
      currency: 'EUR',
      debtor: { name: 'EXAMPLE PARTY NV' },
      creditor: { name: 'EXAMPLE PARTY NV' },
      problem: null,
    });
  });

  it('maps the pain.001 samples: the block of the payment information, the requested execution date', () => {
    const { mapped } = read(sample('src/cbpr_rules/examples/y2025/pain.001.min.xml'));
    expect(mapped.messageType).toBe('pain.001.001.09');
    expect(mapped.payments[0]).toMatchObject({
      pmtInfId: 'EXMsgId',
      amountMinor: 100000,
      paymentDate: '2026-01-01',
      // The sample's debtor IBAN (GB98567801234512345678) fails its check digits: dropped, and the transaction is AC01.
      debtor: { iban: null },
      problem: { code: 'AC01' },
    });
    expect(read(sample('src/cbpr_rules/examples/y2025/pain.001.max.xml')).mapped.payments.length).toBeGreaterThan(0);
  });

  it('builds pacs.008.001.08, pain.001.001.09 and pain.001.001.03 test messages that pass their XSDs, and maps them', () => {
    for (const type of ['pacs.008.001.08', 'pain.001.001.09', 'pain.001.001.03'] as const) {
      for (const envelope of [false, true]) {
        const xml = buildPaymentMessage(type, {
          msgId: 'M-1',
          envelope,
          payments: [
            { amount: '12.34', remittance: 'Invoice 42', purpose: 'GDDS', creditorCountry: 'DE' },
            { amount: '5', currency: 'JPY', creditorName: '山田太郎', endToEndId: 'E-2' },
          ],
        });
        const { read: message, mapped } = read(xml);
        expect(message.messageType).toBe(type);
        expect(message.businessMessageId).toBe(envelope ? 'M-1' : null);
        expect(mapped.payments.map((p) => [p.amountMinor, p.currency])).toEqual([
          [1234, 'EUR'],
          [5, 'JPY'],
        ]);
        expect(mapped.payments[0]).toMatchObject({
          debtor: { name: 'Erika Mustermann', iban: 'DE89370400440532013000' },
          creditor: { name: 'Hans Schmidt GmbH', iban: 'DE75512108001245126199', country: 'DE' },
          creditorAgent: { bic: 'COBADEFFXXX' },
          purpose: 'GDDS',
          remittanceUnstructured: ['Invoice 42'],
        });
        expect(mapped.payments[1].creditor.name).toBe('山田太郎');
      }
    }
  });

  it('refuses an over-precise amount naming the element and its line', () => {
    const xml = buildPaymentMessage('pacs.008.001.08', { payments: [{ amount: '10.125' }] });
    const error = errorOf(() => read(xml));
    expect(error.code).toBe('iso20022/message_invalid');
    const line = xml.split('\n').findIndex((l) => l.includes('<IntrBkSttlmAmt')) + 1;
    expect(error.details?.errors).toEqual([expect.objectContaining({ element: 'IntrBkSttlmAmt', line })]);
  });

  it('refuses a group header whose NbOfTxs is not the number of transactions', () => {
    const xml = buildPaymentMessage('pain.001.001.09', { payments: [{ amount: '1.00' }, { amount: '2.00' }] }).replace(
      /<NbOfTxs>2<\/NbOfTxs>/,
      '<NbOfTxs>3</NbOfTxs>',
    );
    const error = errorOf(() => read(xml));
    expect(error.code).toBe('iso20022/message_invalid');
    const line = xml.split('\n').findIndex((l) => l.includes('<NbOfTxs>3')) + 1;
    expect(error.details?.errors).toEqual([expect.objectContaining({ element: 'NbOfTxs', line })]);
  });

  it('marks an IBAN failing its check digits as AC01 without refusing the message', () => {
    const xml = buildPaymentMessage('pain.001.001.09', { payments: [{ creditorIban: 'DE00370400440532013000' }] });
    expect(read(xml).mapped.payments[0].problem).toMatchObject({ code: 'AC01' });
  });

  it('refuses schema-invalid samples with line, element and message', () => {
    const error = errorOf(() => read(sample('test_files/2025/cbprplus_pacs008_sample_xsd_issue.xml')));
    expect(error.code).toBe('iso20022/schema_invalid');
    expect(error.details?.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ element: 'CdtrAgt', line: expect.any(Number) })]),
    );
  });

  it('refuses unsupported types and wrong namespaces naming the namespace', () => {
    const camt = errorOf(() => read(sample('src/cbpr_rules/examples/y2025/camt.054.min.xml')));
    expect(camt.code).toBe('iso20022/unsupported_message');
    expect(camt.message).toContain('camt.054.001.08');
    const wrong = buildPaymentMessage('pacs.008.001.08', { payments: [{}] }).replace(
      'pacs.008.001.08',
      'pacs.008.001.99',
    );
    expect(errorOf(() => read(wrong)).message).toContain('pacs.008.001.99');
    const none = errorOf(() => read('<Document><FIToFICstmrCdtTrf/></Document>'));
    expect(none.code).toBe('iso20022/unsupported_message');
    expect(none.message).toContain('no namespace');
  });

  it('checks the test messages are schema-valid on their own (not only through the reader)', () => {
    const xml = buildPaymentMessage('pain.001.001.03', { payments: [{}] });
    expect(iso20022Schema('pain.001.001.03').validate(xml)).toEqual({ valid: true, issues: [] });
  });
});
