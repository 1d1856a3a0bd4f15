import type { TransactionCounterparty } from './transaction.entity.js';

/**
 * What "the same counterparty" means for firstCounterparty and fan-in/fan-out: the IBAN when there is one, else the
 * bank and account number, else the name folded to lower-case letters and digits.
 */
export function counterpartyKeyOf(counterparty: TransactionCounterparty): string {
  if (counterparty.iban) return `iban:${counterparty.iban}`;
  if (counterparty.account) return `account:${counterparty.bic ?? ''}:${counterparty.account}`;
  const name = counterparty.name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return `name:${name}`;
}
