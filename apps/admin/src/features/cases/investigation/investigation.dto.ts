import type { components } from '../investigation.shared';

type Schemas = components['schemas'];

export type TransactionDecision = Schemas['GlanceTransactionDto']['decision'];
export type FlowGraphDto = Schemas['FlowGraphDto'];
export type FlowSubjectType = Schemas['FlowSubjectDto']['type'];
export type CustomerGlanceDto = Schemas['CustomerGlanceDto'];
export type DayCountDto = Schemas['DayCountDto'];
export type AlertDashboardDto = Schemas['AlertDashboardDto'];

export type CaseTransactionDto = Schemas['CaseTransactionExplanationDto'];
export type CaseTransactionsDto = Schemas['CaseTransactionsDto'];
