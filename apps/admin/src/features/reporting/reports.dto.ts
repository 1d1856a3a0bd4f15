import type { components } from '../../api/schema';

type Schemas = components['schemas'];

export type ReportSummaryDto = Schemas['ReportSummaryDto'];
export type ReportStatus = ReportSummaryDto['status'];
export type ReportKind = ReportSummaryDto['kind'];
export type ReportProblemDto = Schemas['ReportProblemDto'];
/** The api documents the deadline's status as a string: `no_report` or the status of the case's latest report. */
export type ReportDeadlineDto = Omit<Schemas['ReportDeadlineDto'], 'status'> & { status: 'no_report' | ReportStatus };
/** The OpenAPI document leaves the report document open (an object), so its content is typed here. */
export type ReportDto = Omit<Schemas['ReportDto'], 'document'> & { document: ReportContentDto };

/*
 * The report document's content, hand-written after libs/domains/reporting/src/document/report.document.ts: the
 * api describes it in OpenAPI only as an object.
 */
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
