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
export type AuditExportDto = Schemas['AuditExportDto'];
export type CreateAuditExportDto = Schemas['CreateAuditExportDto'];
export type ApiKeyDto = Schemas['ApiKeyDto'];
export type CreateApiKeyDto = Schemas['CreateApiKeyDto'];
export type CreatedApiKeyDto = Schemas['CreatedApiKeyDto'];
export type UserDto = Schemas['UserDto'];
export type CreateUserDto = Schemas['CreateUserDto'];
export type CreatedUserDto = Schemas['CreatedUserDto'];
export type InvitationDto = Schemas['InvitationDto'];
export type TotpSetupDto = Schemas['TotpSetupDto'];
export type ApprovalDto = Schemas['ApprovalDto'];
/** The roles a person (not an API key) can be given. */
export type PersonRole = Schemas['ChangeUserRolesDto']['roles'][number];
