import type { components, paths } from './schema';

type Schemas = components['schemas'];

export type SignInDto = Schemas['SignInDto'];
export type SessionDto = Schemas['SessionDto'];
export type OverviewDto = Schemas['OverviewDto'];
export type OverviewQueueDto = OverviewDto['queues'][number];
export type AuditEntryDto = Schemas['AuditEntryDto'];
export type AuditSearchPageDto = Schemas['AuditSearchPageDto'];
export type AuditKeysDto = Schemas['AuditKeysDto'];
export type AuditSearchQuery = NonNullable<paths['/v1/audit/search']['get']['parameters']['query']>;
export type AuditCheckpointSummaryDto = Schemas['AuditCheckpointSummaryDto'];
export type AuditAnchorReceiptDto = Schemas['AuditAnchorReceiptDto'];
