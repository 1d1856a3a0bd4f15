import { createHash } from 'node:crypto';
import countries from 'i18n-iso-countries';
import type { TransactionDecisionService } from '@domains/monitoring';
import type { MappedMessage, MappedParty, MappedPayment } from './iso20022-payment.mapper.js';

/** The monitoring transaction shape (`TransactionDto` of `POST /v1/transactions`). */
export type MonitoringTransactionInput = Parameters<TransactionDecisionService['ingest']>[3][number];

/** A reference of the provider's: printable ASCII without spaces at either end, 1–128 characters (monitoring's rule). */
const REFERENCE = /^[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const MAX_METADATA_BYTES = 4000;

/** `value` when it is a usable reference, else a stable digest of it (non-ASCII ids, over-long ids). */
export function referenceOf(value: string, prefix: string): string {
  if (value.length <= 128 && REFERENCE.test(value)) return value;
  return `${prefix}:${createHash('sha256').update(value).digest('hex').slice(0, 40)}`;
}

/**
 * Which side of a payment is the tenant's customer:
 *  - pain.001 (a customer's initiation): the debtor, money going out;
 *  - pacs.008: the debtor (out) when the debtor agent is one of the tenant's own BICs (ISO20022_OWN_BICS; an 8-character
 *    BIC matches every branch), otherwise the creditor (in) — a pacs.008 reaching us is by default for our creditor.
 */
export function directionOf(message: MappedMessage, payment: MappedPayment, ownBics: readonly string[]): 'in' | 'out' {
  if (message.messageType !== 'pacs.008.001.08') return 'out';
  const agent = payment.debtorAgent?.bic;
  if (!agent) return 'in';
  return ownBics.some((own) => agent === own || (own.length === 8 && agent.startsWith(own)) || `${agent}XXX` === own)
    ? 'out'
    : 'in';
}

/**
 * The monitoring transaction of a payment. Ids: the transaction id is the UETR when there is one, else
 * `<MsgId>:<n>:<EndToEndId>` (digested when not printable ASCII), so the same message sent twice names the same
 * transactions. Customer: the party's own id (LEI, other id, BIC) or else its account; account: the IBAN or other
 * account id, else a digest of the party name. Everything of the message that the decision does not read as a field
 * (ids, purpose, remittance) goes into `metadata.iso20022`, cut to stay within monitoring's 4 KiB.
 */
export function toMonitoringTransaction(
  message: MappedMessage,
  payment: MappedPayment,
  direction: 'in' | 'out',
  receivedAt: Date,
): MonitoringTransactionInput {
  const customer = direction === 'out' ? payment.debtor : payment.creditor;
  const counterparty = direction === 'out' ? payment.creditor : payment.debtor;
  const counterpartyAgent = direction === 'out' ? payment.creditorAgent : payment.debtorAgent;
  const accountId = referenceOf(
    customer.iban ?? customer.account ?? `party:${customer.name ?? customer.bic ?? 'unidentified'}`,
    'acct',
  );
  const customerId = (customer.id ?? customer.bic) ? referenceOf((customer.id ?? customer.bic)!, 'cust') : accountId;
  const id = referenceOf(payment.uetr ?? `${message.msgId}:${payment.index + 1}:${payment.endToEndId}`, 'iso20022');
  const country = counterparty.country && countries.isValid(counterparty.country) ? counterparty.country : undefined;
  return {
    id,
    customerId,
    accountId,
    direction,
    channel: payment.serviceLevel === 'SEPA' ? 'sepa' : 'wire',
    amount: { value: payment.amountMinor, currency: payment.currency },
    bookedAt: WITH_OFFSET.test(message.creDtTm) ? message.creDtTm : receivedAt.toISOString(),
    counterparty: {
      name: counterpartyName(counterparty, counterpartyAgent),
      ...(counterparty.iban ? { iban: counterparty.iban } : {}),
      ...(!counterparty.iban && counterparty.account ? { account: counterparty.account.slice(0, 64) } : {}),
      ...(counterpartyAgent?.bic ? { bic: counterpartyAgent.bic } : {}),
      ...(country ? { country } : {}),
    },
    metadata: metadataOf(message, payment),
  };
}

function counterpartyName(party: MappedParty, agent: MappedParty | null): string {
  const name = party.name ?? agent?.name ?? agent?.bic ?? party.iban ?? party.account ?? 'UNKNOWN';
  return Array.from(name).slice(0, 200).join('');
}

function metadataOf(message: MappedMessage, payment: MappedPayment): Record<string, unknown> {
  const iso: Record<string, unknown> = {
    messageType: message.messageType,
    msgId: message.msgId,
    endToEndId: payment.endToEndId,
    ...(payment.instrId ? { instrId: payment.instrId } : {}),
    ...(payment.txId ? { txId: payment.txId } : {}),
    ...(payment.uetr ? { uetr: payment.uetr } : {}),
    ...(payment.pmtInfId ? { pmtInfId: payment.pmtInfId } : {}),
    amount: payment.amountText,
    ...(payment.purpose ? { purpose: payment.purpose } : {}),
    ...(payment.categoryPurpose ? { categoryPurpose: payment.categoryPurpose } : {}),
    ...(payment.remittanceUnstructured.length > 0 ? { remittance: payment.remittanceUnstructured.join(' ') } : {}),
    ...(payment.remittanceReferences.length > 0 ? { references: payment.remittanceReferences.slice(0, 10) } : {}),
  };
  const size = (): number => Buffer.byteLength(JSON.stringify({ iso20022: iso }), 'utf8');
  if (size() > MAX_METADATA_BYTES && typeof iso.remittance === 'string') iso.remittance = iso.remittance.slice(0, 500);
  if (size() > MAX_METADATA_BYTES) delete iso.references;
  if (size() > MAX_METADATA_BYTES) delete iso.remittance;
  return { iso20022: iso };
}
