import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { projectRoot } from '@platform/config';
import { iso20022Schema } from '../xml/iso20022-schema.locator.js';
import { PACS_004, buildPaymentReturn, type PaymentReturnInput } from './payment-return.builder.js';
import { readOriginalPayment } from './original-payment.reader.js';

const SAMPLE = join(
  projectRoot(),
  'libs/domains/iso20022/schemas/samples/phoughton_iso20022-cbpr-ur/src/cbpr_rules/examples/y2025/pacs.008.max.xml',
);
const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false });

function base(overrides: Partial<PaymentReturnInput> = {}): PaymentReturnInput {
  return {
    msgId: 'RTR-1',
    createdAt: new Date('2026-12-01T09:00:00Z'),
    returnId: 'RTR-1-1',
    original: { msgId: 'MSG-1', msgNmId: 'pacs.008.001.08', endToEndId: 'E2E-1' },
    amountMinor: '100000',
    currency: 'EUR',
    debtor: {},
    creditor: {},
    reasonCode: 'AC04',
    ...overrides,
  };
}

function expectValid(xml: string): void {
  expect(iso20022Schema(PACS_004).validate(xml).issues).toEqual([]);
}

describe('buildPaymentReturn', () => {
  it('returns a stored pacs.008 transaction with its original references, amount and parties', () => {
    const original = readOriginalPayment(readFileSync(SAMPLE, 'utf8'), {
      endToEndId: 'EXEndToEndId',
      uetr: '00000000-0000-4000-aba0-f03b25f59320',
    });
    expect(original).toMatchObject({ msgId: 'EXMsgId', settlementMethod: 'INDA', settlementDate: '2026-01-01' });
    expect(original?.debtor.agentBic).toBe('ABCDGBEFXXX');
    const xml = buildPaymentReturn(
      base({
        original: {
          msgId: original!.msgId!,
          msgNmId: 'pacs.008.001.08',
          creDtTm: original!.creDtTm,
          instrId: 'EXInstrId',
          endToEndId: 'EXEndToEndId',
          txId: 'EXTxId',
          uetr: '00000000-0000-4000-aba0-f03b25f59320',
          settlementDate: original!.settlementDate,
          settlementMethod: original!.settlementMethod,
        },
        debtor: original!.debtor,
        creditor: original!.creditor,
        reasonCode: 'FOCR',
        additionalInfo: 'Returned after review: '.padEnd(150, 'x'),
      }),
    );
    expectValid(xml);
    const tx = parser.parse(xml).Document.PmtRtr.TxInf;
    expect(tx.OrgnlGrpInf).toMatchObject({ OrgnlMsgId: 'EXMsgId', OrgnlMsgNmId: 'pacs.008.001.08' });
    expect(tx).toMatchObject({
      OrgnlInstrId: 'EXInstrId',
      OrgnlEndToEndId: 'EXEndToEndId',
      OrgnlTxId: 'EXTxId',
      OrgnlUETR: '00000000-0000-4000-aba0-f03b25f59320',
    });
    expect(tx.RtrdIntrBkSttlmAmt).toEqual({ '#text': '1000.00', '@_Ccy': 'EUR' });
    expect(tx.RtrRsnInf.Rsn.Cd).toBe('FOCR');
    expect(tx.RtrRsnInf.AddtlInf).toHaveLength(2);
  });

  it('stays valid with non-Latin names, markup, exotic exponents and no optional parties at all', () => {
    expectValid(buildPaymentReturn(base()));
    const xml = buildPaymentReturn(
      base({
        amountMinor: '1234',
        currency: 'KWD',
        debtor: { name: '山田太郎 & <Co>', account: 'DE89370400440532013000', agentBic: 'COBADEFF', country: 'jp' },
        creditor: { name: 'Иван Петров', account: 'local/123', agentBic: 'bogus' },
        original: { msgId: 'M'.repeat(60), msgNmId: 'pain.001.001.09', endToEndId: 'É'.repeat(50), uetr: 'nope' },
      }),
    );
    expectValid(xml);
    expect(xml).toContain('<RtrdIntrBkSttlmAmt Ccy="KWD">1.234</RtrdIntrBkSttlmAmt>');
    expect(xml).toContain('<Nm>山田太郎 &amp; &lt;Co&gt;</Nm>');
    expect(xml).not.toContain('OrgnlUETR');
  });

  it('finds nothing for an end-to-end id the message does not hold', () => {
    expect(readOriginalPayment(readFileSync(SAMPLE, 'utf8'), { endToEndId: 'missing' })).toBeNull();
  });
});
