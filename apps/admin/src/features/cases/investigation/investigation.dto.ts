import type { components } from '../investigation.shared';

type Schemas = components['schemas'];

export type TransactionDecision = Schemas['GlanceTransactionDto']['decision'];
export type FlowGraphDto = Schemas['FlowGraphDto'];
export type FlowSubjectType = Schemas['FlowSubjectDto']['type'];
export type CustomerGlanceDto = Schemas['CustomerGlanceDto'];
export type DayCountDto = Schemas['DayCountDto'];
export type AlertDashboardDto = Schemas['AlertDashboardDto'];

/*
 * Hand-written: the api has two classes named CaseTransactionDto (case/case.dto.ts, a link to a case, and
 * investigation/investigation.dto.ts, this enriched row), and the OpenAPI document keeps only the first, so the
 * generated schema describes GET /v1/cases/{id}/transactions wrongly until one of them is renamed.
 */
export interface CaseTransactionDto {
  transactionId: string;
  externalId: string;
  customerId: string;
  customerRecordId: string;
  accountId: string;
  direction: 'in' | 'out';
  channel: string;
  amountMinor: string;
  currency: string;
  amountBase: number;
  bookedAt: string;
  counterparty: { name: string; iban?: string; account?: string; bic?: string; country?: string };
  decision: TransactionDecision;
  score: number;
  modelScore: number;
  reasons: { kind: string; message: string; ref?: string }[];
  topContributions: { feature: string; value: number; contribution: number }[];
  ruleSetVersion: number | null;
  modelVersion: string | null;
  alertReferences: string[];
}

export interface CaseTransactionsDto {
  caseId: string;
  items: CaseTransactionDto[];
}
