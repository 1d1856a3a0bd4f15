/**
 * Hand-written types of the reporting endpoints, which arrived after apps/api/openapi.json was last generated (see
 * libs/domains/reporting/src/report/report.dto.ts and document/report.document.ts on the api side).
 */
export type ReportStatus = 'draft' | 'pending_approval' | 'approved' | 'submitted' | 'acknowledged' | 'rejected';
export type ReportKind = 'STR' | 'SAR' | 'CTR';
export type ReportFormat = 'goaml' | 'fincen-sar' | 'fincen-ctr' | 'pdf';

export interface ReportAddressDto {
  line1?: string;
  line2?: string;
  city?: string;
  region?: string;
  postalCode?: string;
  country: string;
}

export interface ReportIdentifierDto {
  type: 'passport' | 'national_id' | 'driver_license' | 'tax_id' | 'lei' | 'registration' | 'other';
  number: string;
  issuingCountry?: string;
}

interface ReportPartyBaseDto {
  ref: string;
  addresses: ReportAddressDto[];
  identifiers: ReportIdentifierDto[];
  email?: string;
  phone?: string;
  isSubject: boolean;
  customerId?: string;
}

export interface ReportPersonDto extends ReportPartyBaseDto {
  kind: 'person';
  firstName?: string;
  middleName?: string;
  lastName: string;
  nativeName?: string;
  birthDate: string | null;
  nationality?: string;
  occupation?: string;
  gender?: 'M' | 'F' | 'U';
}

export interface ReportEntityPartyDto extends ReportPartyBaseDto {
  kind: 'entity';
  name: string;
  nativeName?: string;
  incorporationCountry?: string;
  registrationNumber?: string;
  lei?: string;
  businessType?: string;
}

export type ReportPartyDto = ReportPersonDto | ReportEntityPartyDto;

export interface ReportActivityDto {
  from: string;
  to: string;
  totalAmountMinor: string;
  currency: string;
  typologies: string[];
}

export interface ReportTransactionDto {
  ref: string;
  externalId: string;
  bookedAt: string;
  amountMinor: string;
  currency: string;
  currencyExponent: number;
  direction: 'in' | 'out';
  channel: string;
}

export interface ReportContentDto {
  jurisdiction: string;
  localCurrency: string;
  caseReference?: string;
  activity: ReportActivityDto;
  parties: ReportPartyDto[];
  accounts: unknown[];
  transactions: ReportTransactionDto[];
  reason: string;
  action: string;
}

export interface ReportArtifactDto {
  format: ReportFormat;
  fileName: string;
  mediaType: string;
  sha256: string;
  createdAt: string;
}

export interface ReportSummaryDto {
  id: string;
  reference: string;
  kind: ReportKind;
  formats: ReportFormat[];
  status: ReportStatus;
  caseId: string | null;
  caseReference: string | null;
  amendsReportId: string | null;
  amendmentKind: 'correction' | 'amendment' | null;
  dueAt: string | null;
  determinedAt: string | null;
  filedReference: string | null;
  submittedAt: string | null;
  acknowledgedAt: string | null;
  rejectionReason: string | null;
  approvalRequestId: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface ReportDto extends ReportSummaryDto {
  document: ReportContentDto;
  narrative: string;
  artifacts: ReportArtifactDto[];
}

export interface ReportProblemDto {
  path: string;
  message: string;
  format: ReportFormat;
}

export interface ReportDeadlineDto {
  caseId: string;
  caseReference: string;
  caseTitle: string;
  determinedAt: string | null;
  dueAt: string | null;
  daysLeft: number | null;
  status: 'no_report' | ReportStatus;
  reportId: string | null;
  reportReference: string | null;
  overdue: boolean;
  continuingActivityReviewAt: string | null;
  notices: { kind: 'reminder' | 'overdue' | 'continuing_activity_due'; dueAt: string; at: string }[];
}
