/**
 * Status codes of the ISO 20022 external code sets (ExternalCodeSets, iso20022.org "External Code Sets", 2024 Q4+):
 * ExternalPaymentGroupStatus1Code and ExternalPaymentTransactionStatus1Code.
 *   ACCP AcceptedCustomerProfile — technical and customer-profile checks passed.
 *   ACSP AcceptedSettlementInProcess — all checks passed, settlement under way.
 *   PDNG Pending — further checks (here: a compliance review) before a final status.
 *   RJCT Rejected.
 *   PART PartiallyAccepted (group only) — some transactions accepted, some rejected.
 */
export const GROUP_STATUS_CODES = ['ACCP', 'ACSP', 'PDNG', 'RJCT', 'PART'] as const;
export type GroupStatusCode = (typeof GROUP_STATUS_CODES)[number];

export const TRANSACTION_STATUS_CODES = ['ACCP', 'ACSP', 'PDNG', 'RJCT'] as const;
export type TransactionStatusCode = (typeof TRANSACTION_STATUS_CODES)[number];

/**
 * Reason codes used by Verity, from ExternalStatusReason1Code (same code sets):
 *   RR04 RegulatoryReason — rejected or held for a regulatory (sanctions / AML) reason.
 *   AG01 TransactionForbidden — the transaction is not allowed (a blocking rule decision).
 *   FF01 InvalidFileFormat — the message breaks its schema or cannot be read.
 *   AM05 Duplication — the same payment was already received.
 *   NARR Narrative — the reason is given in AddtlInf.
 *   AC01 IncorrectAccountNumber — an IBAN failing its check digits.
 *   RC01 BankIdentifierIncorrect — a BIC that is not valid (unknown country).
 */
export const STATUS_REASON_CODES = ['RR04', 'AG01', 'FF01', 'AM05', 'NARR', 'AC01', 'RC01'] as const;
export type StatusReasonCode = (typeof STATUS_REASON_CODES)[number];

/**
 * The group status of a set of transaction statuses: every one rejected → RJCT; some rejected and some not →
 * PART; otherwise any pending → PDNG; all ACSP → ACSP; else ACCP. No transactions (the whole message refused) → RJCT.
 */
export function groupStatusOf(statuses: readonly TransactionStatusCode[]): GroupStatusCode {
  if (statuses.length === 0) return 'RJCT';
  const rejected = statuses.filter((s) => s === 'RJCT').length;
  if (rejected === statuses.length) return 'RJCT';
  if (rejected > 0) return 'PART';
  if (statuses.includes('PDNG')) return 'PDNG';
  return statuses.every((s) => s === 'ACSP') ? 'ACSP' : 'ACCP';
}
