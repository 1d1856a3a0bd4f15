import type { components, paths } from '../../api/schema';

type Schemas = components['schemas'];

export type CustomerDto = Schemas['CustomerDto'];
export type CustomerDetailDto = Schemas['CustomerDetailDto'];
export type CustomerPageDto = Schemas['CustomerPageDto'];
export type RelatedPartyDto = Schemas['RelatedPartyDto'];
export type CustomerDocumentDto = Schemas['CustomerDocumentDto'];
export type SubjectScreeningDto = Schemas['SubjectScreeningDto'];
export type CustomerReviewDto = Schemas['CustomerReviewDto'];
export type RiskMatrixOverviewDto = Schemas['RiskMatrixOverviewDto'];
export type RiskMatrixDto = Schemas['RiskMatrixDto'];
export type EddChecklistDto = Schemas['EddChecklistDto'];
export type AuditEntryDto = Schemas['AuditEntryDto'];
export type CustomerListQuery = NonNullable<paths['/v1/customers']['get']['parameters']['query']>;
export type KycStatus = CustomerDto['kycStatus'];
export type RiskRating = CustomerDto['risk']['rating'];
