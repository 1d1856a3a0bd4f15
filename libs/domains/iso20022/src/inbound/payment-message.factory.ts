import { randomUUID } from 'node:crypto';
import { XmlTextWriter } from '../xml/xml-text.writer.js';
import type { InboundMessageType } from './iso20022-payment.mapper.js';

/** One credit transfer of a generated message. */
export interface PaymentSpec {
  readonly endToEndId?: string;
  readonly instrId?: string;
  readonly uetr?: string | null;
  /** Decimal string, e.g. `"1250.00"`. */
  readonly amount?: string;
  readonly currency?: string;
  readonly debtorName?: string;
  readonly debtorIban?: string;
  readonly debtorAgentBic?: string;
  readonly creditorName?: string;
  readonly creditorIban?: string;
  readonly creditorAgentBic?: string;
  readonly creditorCountry?: string;
  readonly remittance?: string;
  readonly purpose?: string;
}

export interface PaymentMessageSpec {
  readonly msgId?: string;
  /** Wrap the Document in `<Envelope>` with a head.001.001.02 AppHdr. */
  readonly envelope?: boolean;
  readonly payments: readonly PaymentSpec[];
}

/**
 * Builds schema-valid pacs.008.001.08, pain.001.001.09 and pain.001.001.03 messages (tests and the benchmark; the
 * tests validate them against the official XSDs). Defaults give a plausible EUR transfer between two German accounts.
 */
export function buildPaymentMessage(type: InboundMessageType, spec: PaymentMessageSpec): string {
  const msgId = spec.msgId ?? `MSG${randomUUID().replace(/-/g, '').slice(0, 24)}`;
  const created = '2026-11-30T10:00:00+00:00';
  const w = new XmlTextWriter();
  if (spec.envelope) {
    w.start('Envelope');
    w.start('AppHdr', { xmlns: 'urn:iso:std:iso:20022:tech:xsd:head.001.001.02' });
    w.start('Fr').start('FIId').start('FinInstnId').leaf('BICFI', 'DEUTDEFFXXX').end().end().end();
    w.start('To').start('FIId').start('FinInstnId').leaf('BICFI', 'COBADEFFXXX').end().end().end();
    w.leaf('BizMsgIdr', msgId).leaf('MsgDefIdr', type).leaf('CreDt', created).end();
  }
  w.start('Document', { xmlns: `urn:iso:std:iso:20022:tech:xsd:${type}` });
  const v03 = type === 'pain.001.001.03';
  const bicTag = v03 ? 'BIC' : 'BICFI';
  const agent = (tag: string, bic: string) => w.start(tag).start('FinInstnId').leaf(bicTag, bic).end().end();
  const party = (tag: string, name: string, country?: string) => {
    w.start(tag).leaf('Nm', name);
    if (country) w.start('PstlAdr').leaf('Ctry', country).end();
    w.end();
  };
  const account = (tag: string, iban: string) => w.start(tag).start('Id').leaf('IBAN', iban).end().end();
  const defaults = (p: PaymentSpec, i: number) => ({
    endToEndId: p.endToEndId ?? `E2E-${i + 1}`,
    amount: p.amount ?? '100.00',
    currency: p.currency ?? 'EUR',
    debtorName: p.debtorName ?? 'Erika Mustermann',
    debtorIban: p.debtorIban ?? 'DE89370400440532013000',
    debtorAgentBic: p.debtorAgentBic ?? 'DEUTDEFFXXX',
    creditorName: p.creditorName ?? 'Hans Schmidt GmbH',
    creditorIban: p.creditorIban ?? 'DE75512108001245126199',
    creditorAgentBic: p.creditorAgentBic ?? 'COBADEFFXXX',
  });
  if (type === 'pacs.008.001.08') {
    w.start('FIToFICstmrCdtTrf');
    w.start('GrpHdr').leaf('MsgId', msgId).leaf('CreDtTm', created).leaf('NbOfTxs', String(spec.payments.length));
    w.start('SttlmInf').leaf('SttlmMtd', 'INDA').end().end();
    spec.payments.forEach((p, i) => {
      const d = defaults(p, i);
      w.start('CdtTrfTxInf').start('PmtId');
      w.leaf('InstrId', p.instrId ?? `INSTR-${i + 1}`).leaf('EndToEndId', d.endToEndId);
      w.leaf('UETR', p.uetr === undefined ? randomUUID() : p.uetr).end();
      w.leaf('IntrBkSttlmAmt', d.amount, { Ccy: d.currency }).leaf('IntrBkSttlmDt', '2026-11-30');
      w.leaf('ChrgBr', 'SHAR');
      party('Dbtr', d.debtorName);
      account('DbtrAcct', d.debtorIban);
      agent('DbtrAgt', d.debtorAgentBic);
      agent('CdtrAgt', d.creditorAgentBic);
      party('Cdtr', d.creditorName, p.creditorCountry);
      account('CdtrAcct', d.creditorIban);
      if (p.purpose) w.start('Purp').leaf('Cd', p.purpose).end();
      if (p.remittance) w.start('RmtInf').leaf('Ustrd', p.remittance).end();
      w.end();
    });
    w.end();
  } else {
    w.start('CstmrCdtTrfInitn');
    w.start('GrpHdr').leaf('MsgId', msgId).leaf('CreDtTm', created).leaf('NbOfTxs', String(spec.payments.length));
    party('InitgPty', spec.payments[0]?.debtorName ?? 'Erika Mustermann');
    w.end();
    const first = defaults(spec.payments[0] ?? {}, 0);
    w.start('PmtInf').leaf('PmtInfId', `${msgId}-1`).leaf('PmtMtd', 'TRF');
    if (v03) w.leaf('ReqdExctnDt', '2026-11-30');
    else w.start('ReqdExctnDt').leaf('Dt', '2026-11-30').end();
    party('Dbtr', first.debtorName);
    account('DbtrAcct', first.debtorIban);
    agent('DbtrAgt', first.debtorAgentBic);
    spec.payments.forEach((p, i) => {
      const d = defaults(p, i);
      w.start('CdtTrfTxInf').start('PmtId');
      w.leaf('InstrId', p.instrId ?? `INSTR-${i + 1}`).leaf('EndToEndId', d.endToEndId);
      if (!v03 && p.uetr !== null) w.leaf('UETR', p.uetr ?? randomUUID());
      w.end();
      w.start('Amt').leaf('InstdAmt', d.amount, { Ccy: d.currency }).end();
      agent('CdtrAgt', d.creditorAgentBic);
      party('Cdtr', d.creditorName, p.creditorCountry);
      account('CdtrAcct', d.creditorIban);
      if (p.purpose) w.start('Purp').leaf('Cd', p.purpose).end();
      if (p.remittance) w.start('RmtInf').leaf('Ustrd', p.remittance).end();
      w.end();
    });
    w.end().end();
  }
  w.end();
  if (spec.envelope) w.end();
  return w.toString();
}
