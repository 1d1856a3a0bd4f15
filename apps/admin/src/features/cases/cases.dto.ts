import type { components } from '../../api/schema';

type Schemas = components['schemas'];

export const CASE_STATUSES = ['open', 'investigating', 'pending_approval', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export type CaseSummaryDto = Schemas['CaseSummaryDto'];
export type CasePageDto = Schemas['CasePageDto'];
export type CaseDto = Schemas['CaseDto'];
export type CaseCloseDisposition = NonNullable<CaseDto['closeDisposition']>;
export type CaseSubjectDto = Schemas['CaseSubjectDto'];
export type CaseNoteDto = Schemas['CaseNoteDto'];
export type CaseAttachmentDto = Schemas['CaseAttachmentDto'];
export type CaseEventDto = Schemas['CaseEventDto'];
export type CaseDetailDto = Schemas['CaseDetailDto'];
export type CloseRequestDto = Schemas['CloseRequestDto'];
