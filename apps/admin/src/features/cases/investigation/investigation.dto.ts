/**
 * Hand-written shapes of the investigation and dashboard endpoints (libs/domains/cases/src/investigation/
 * investigation.dto.ts and dashboard/dashboard.dto.ts), until apps/api/openapi.json is regenerated with them.
 */

export type FlowSubjectType = 'customer' | 'account' | 'counterparty';
export type FlowNodeKind = 'customer' | 'counterparty' | 'account';
export type TransactionDecision = 'allow' | 'review' | 'block';

export interface FlowGraphNodeDto {
  id: string;
  kind: FlowNodeKind;
  label: string;
  risk?: string;
  isSubject: boolean;
  hop: number;
}

export interface FlowGraphEdgeDto {
  from: string;
  to: string;
  count: number;
  /** Minor units, decimal string. */
  totalMinor: string;
  currency: string;
  firstAt: string;
  lastAt: string;
}

export interface FlowGraphDto {
  subjects: { type: FlowSubjectType; id: string }[];
  hops: number;
  from: string;
  to: string;
  nodes: FlowGraphNodeDto[];
  edges: FlowGraphEdgeDto[];
  nodeCap: number;
  truncated: boolean;
}

export interface RiskFactorViewDto {
  factor: string;
  points: number;
  reason: string;
}

export interface CustomerGlanceDto {
  profile: {
    id: string;
    externalRef: string | null;
    fullName: string;
    type: string;
    kycStatus: string;
    country: string | null;
    isPep: boolean;
    eddRequired: boolean;
    screeningStatus: string | null;
    riskRating: string;
    riskScore: number | null;
    riskFactors: RiskFactorViewDto[];
    ratedAt: string | null;
    nextReviewAt: string | null;
    accounts: string[];
  };
  recentTransactions: {
    transactionId: string;
    externalId: string;
    accountId: string;
    direction: 'in' | 'out';
    amountMinor: string;
    currency: string;
    amountBase: number;
    bookedAt: string;
    counterpartyName: string;
    counterpartyKey: string;
    decision: TransactionDecision;
    score: number;
  }[];
  transactionCount: number;
  alerts: {
    id: string;
    reference: string;
    type: string;
    title: string;
    priority: string;
    status: string;
    disposition: string | null;
    reasonCode: string | null;
    caseId: string | null;
    createdAt: string;
    disposedAt: string | null;
  }[];
  alertCount: number;
  cases: {
    id: string;
    reference: string;
    title: string;
    status: string;
    priority: string;
    closeDisposition: string | null;
    createdAt: string;
    closedAt: string | null;
  }[];
}

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

export interface DayCountDto {
  day: string;
  count: number;
}

export interface AlertDashboardDto {
  from: string;
  to: string;
  queueId: string | null;
  days: string[];
  volumesByType: { type: string; total: number; perDay: DayCountDto[] }[];
  volumesByQueue: { queueId: string; queueName: string; total: number; perDay: DayCountDto[] }[];
  slaBreachesPerDay: DayCountDto[];
  slaBreachesByQueue: { queueId: string; queueName: string; total: number; perDay: DayCountDto[] }[];
  falsePositiveRates: { type: string; disposed: number; falsePositives: number; rate: number | null }[];
  timeToDisposition: { type: string; disposed: number; medianMinutes: number | null; p90Minutes: number | null }[];
  analystThroughput: { analystId: string; displayName: string; total: number; perDay: DayCountDto[] }[];
  casesByStatus: { status: string; count: number }[];
  casesByReportDue: { overdue: number; within7Days: number; within30Days: number; later: number };
}
