import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { KYC_STATUSES, type KycStatus } from '../lifecycle/kyc.lifecycle.js';
import { RISK_FACTORS, type RiskFactor } from '../risk/risk.scorer.js';
import { CUSTOMER_TYPES, IDENTIFIER_TYPES, type CustomerType, type IdentifierType } from './customer.entity.js';
import { RELATED_PARTY_ROLES, type RelatedPartyRole } from './related-party.entity.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const COUNTRY = /^[A-Za-z]{2}$/;
const upper = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.toUpperCase() : value);
const upperEach = ({ value }: { value: unknown }): unknown =>
  Array.isArray(value) ? value.map((v: unknown) => (typeof v === 'string' ? v.toUpperCase() : v)) : value;

export class AddressDto {
  @IsString()
  @Length(1, 300)
  line1: string;

  @IsOptional()
  @IsString()
  @MaxLength(300)
  line2?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  city?: string;

  @IsOptional()
  @IsString()
  @MaxLength(40)
  postalCode?: string;

  /** ISO 3166-1 alpha-2 code. */
  @Transform(upper)
  @IsString()
  @Matches(COUNTRY, { message: 'country must be an ISO 3166-1 alpha-2 code' })
  country: string;
}

export class IdentifierDto {
  @ApiProperty({ enum: IDENTIFIER_TYPES })
  @IsIn(IDENTIFIER_TYPES)
  type: IdentifierType;

  /** The number; an LEI must pass its ISO 17442 checksum. */
  @IsString()
  @Length(1, 100)
  value: string;

  /** Issuing country, ISO 3166-1 alpha-2. */
  @IsOptional()
  @Transform(upper)
  @IsString()
  @Matches(COUNTRY, { message: 'country must be an ISO 3166-1 alpha-2 code' })
  country?: string;
}

export class ExpectedActivityDto {
  /** Expected monthly volume in `currency`. */
  @IsOptional()
  @IsNumber()
  @Min(0)
  monthlyVolume?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  monthlyCount?: number;

  @IsOptional()
  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code' })
  currency?: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  purpose?: string;
}

export class RelatedPartyInputDto {
  @ApiProperty({ enum: RELATED_PARTY_ROLES })
  @IsIn(RELATED_PARTY_ROLES)
  role: RelatedPartyRole;

  @ApiProperty({ enum: CUSTOMER_TYPES })
  @IsIn(CUSTOMER_TYPES)
  partyType: CustomerType;

  @IsString()
  @Length(1, 500)
  @Matches(/\S/, { message: 'fullName must not be blank' })
  fullName: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  nativeName?: string;

  /** YYYY-MM-DD. */
  @IsOptional()
  @Matches(DATE, { message: 'dateOfBirth must be YYYY-MM-DD' })
  dateOfBirth?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @Transform(upperEach)
  @Matches(COUNTRY, { each: true, message: 'each nationality must be an ISO 3166-1 alpha-2 code' })
  nationalities?: string[];

  @IsOptional()
  @Transform(upper)
  @Matches(COUNTRY, { message: 'country must be an ISO 3166-1 alpha-2 code' })
  country?: string;

  /** Ownership or control in percent (0-100). */
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  ownershipPercent?: number;

  @IsOptional()
  @IsBoolean()
  isPep?: boolean;
}

export class CreateCustomerDto {
  /** The payment provider's customer id; unique in the tenant. */
  @IsOptional()
  @IsString()
  @Length(1, 200)
  externalRef?: string;

  @ApiProperty({ enum: CUSTOMER_TYPES })
  @IsIn(CUSTOMER_TYPES)
  type: CustomerType;

  /** Full name (individual) or registered legal name (business), in Latin script. */
  @IsString()
  @Length(1, 500)
  @Matches(/\S/, { message: 'fullName must not be blank' })
  fullName: string;

  /** The name in its native script, e.g. `Владимир Петров`. */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  nativeName?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 500, { each: true })
  aliases?: string[];

  /** Date of birth (individual) or incorporation (business), YYYY-MM-DD. */
  @IsOptional()
  @Matches(DATE, { message: 'dateOfBirth must be YYYY-MM-DD' })
  dateOfBirth?: string;

  /** ISO 3166-1 alpha-2 codes. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @Transform(upperEach)
  @Matches(COUNTRY, { each: true, message: 'each nationality must be an ISO 3166-1 alpha-2 code' })
  nationalities?: string[];

  /** Residence (individual) or incorporation (business), ISO 3166-1 alpha-2. */
  @IsOptional()
  @Transform(upper)
  @Matches(COUNTRY, { message: 'country must be an ISO 3166-1 alpha-2 code' })
  country?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => AddressDto)
  addresses?: AddressDto[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => IdentifierDto)
  identifiers?: IdentifierDto[];

  @IsOptional()
  @IsString()
  @MaxLength(200)
  occupation?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  industry?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => ExpectedActivityDto)
  expectedActivity?: ExpectedActivityDto;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  sourceOfFunds?: string;

  /** Product code, a risk factor (e.g. `current_account`). */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  product?: string;

  /** Onboarding channel, a risk factor (`branch`, `online`, `intermediary`). */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  channel?: string;

  /** A politically exposed person (self-declared or from a PEP check). */
  @IsOptional()
  @IsBoolean()
  isPep?: boolean;

  /** Adverse media found about the customer. */
  @IsOptional()
  @IsBoolean()
  adverseMedia?: boolean;

  /** Directors, beneficial owners… (businesses). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => RelatedPartyInputDto)
  relatedParties?: RelatedPartyInputDto[];
}

/** Only the fields sent change; a change re-screens the customer (once submitted) and recomputes the rating. */
export class UpdateCustomerDto extends PartialType(OmitType(CreateCustomerDto, ['type', 'relatedParties'] as const)) {}

export class CustomerListQueryDto {
  @IsOptional()
  @ApiPropertyOptional({ enum: KYC_STATUSES })
  @IsIn(KYC_STATUSES)
  status?: KycStatus;

  @IsOptional()
  @ApiPropertyOptional({ enum: ['unrated', 'low', 'medium', 'high'] })
  @IsIn(['unrated', 'low', 'medium', 'high'])
  rating?: 'unrated' | 'low' | 'medium' | 'high';

  /** Part of the name, native name or external reference. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number = 50;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number = 0;
}

export class OpenAccountDto {
  /** The provider's account id; unique in the tenant. */
  @IsString()
  @Length(1, 200)
  externalRef: string;

  /** ISO 4217 code. */
  @Transform(upper)
  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code' })
  currency: string;

  /** When the account was opened (RFC 3339); now when left out. */
  @IsOptional()
  @IsISO8601({ strict: true })
  openedAt?: string;
}

export class DecisionDto {
  /** Why (shown in the history and the audit ledger). */
  @IsString()
  @Length(1, 2000)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason: string;
}

export class EddChecklistDto {
  /** Where the customer's overall wealth comes from, as established. */
  @IsString()
  @Length(10, 2000)
  sourceOfWealth: string;

  /** Senior management approved the relationship (must be true). */
  @IsBoolean()
  seniorManagementApproval: boolean;

  /** The purpose and intended nature of the business relationship. */
  @IsString()
  @Length(10, 2000)
  purposeOfRelationship: string;
}

export class ApproveCustomerDto extends DecisionDto {
  /** Required when enhanced due diligence applies (`eddRequired`). */
  @IsOptional()
  @ValidateNested()
  @Type(() => EddChecklistDto)
  edd?: EddChecklistDto;
}

export class AddressViewDto {
  line1: string;
  line2?: string;
  city?: string;
  postalCode?: string;
  country: string;
  countryName: string;
}

export class IdentifierViewDto {
  @ApiProperty({ enum: IDENTIFIER_TYPES })
  type: IdentifierType;
  value: string;
  country?: string;
}

export class RiskFactorScoreDto {
  @ApiProperty({ enum: RISK_FACTORS })
  factor: RiskFactor;
  points: number;
  reason: string;
}

export class RiskRatingDto {
  @ApiProperty({ enum: ['unrated', 'low', 'medium', 'high'] })
  rating: 'unrated' | 'low' | 'medium' | 'high';
  @ApiProperty({ type: Number, nullable: true })
  score: number | null;
  @ApiProperty({ type: Number, nullable: true })
  matrixVersion: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  ratedAt: string | null;
  @ApiProperty({ type: [RiskFactorScoreDto] })
  factors: RiskFactorScoreDto[];
}

export class EddChecklistViewDto {
  sourceOfWealth: string;
  seniorManagementApproval: boolean;
  purposeOfRelationship: string;
  approvedBy: string;
  completedAt: string;
}

export class RelatedPartyDto {
  id: string;
  @ApiProperty({ enum: RELATED_PARTY_ROLES })
  role: RelatedPartyRole;
  @ApiProperty({ enum: CUSTOMER_TYPES })
  partyType: CustomerType;
  fullName: string;
  @ApiProperty({ type: String, nullable: true })
  nativeName: string | null;
  @ApiProperty({ type: String, nullable: true })
  dateOfBirth: string | null;
  nationalities: string[];
  @ApiProperty({ type: String, nullable: true })
  country: string | null;
  @ApiProperty({ type: Number, nullable: true })
  ownershipPercent: number | null;
  isPep: boolean;
  @ApiProperty({ type: String, nullable: true })
  screeningStatus: string | null;
  @ApiProperty({ type: Number, nullable: true })
  screeningBestScore: number | null;
}

export class AccountDto {
  id: string;
  externalRef: string;
  currency: string;
  @ApiProperty({ type: String, format: 'date-time' })
  openedAt: string;
}

export class CustomerDto {
  id: string;
  @ApiProperty({ type: String, nullable: true })
  externalRef: string | null;
  @ApiProperty({ enum: CUSTOMER_TYPES })
  type: CustomerType;
  fullName: string;
  @ApiProperty({ type: String, nullable: true })
  nativeName: string | null;
  aliases: string[];
  @ApiProperty({ type: String, nullable: true })
  dateOfBirth: string | null;
  nationalities: string[];
  @ApiProperty({ type: String, nullable: true })
  country: string | null;
  @ApiProperty({ type: String, nullable: true })
  countryName: string | null;
  @ApiProperty({ type: [AddressViewDto] })
  addresses: AddressViewDto[];
  @ApiProperty({ type: [IdentifierViewDto] })
  identifiers: IdentifierViewDto[];
  @ApiProperty({ type: String, nullable: true })
  occupation: string | null;
  @ApiProperty({ type: String, nullable: true })
  industry: string | null;
  @ApiProperty({ type: ExpectedActivityDto, nullable: true })
  expectedActivity: ExpectedActivityDto | null;
  @ApiProperty({ type: String, nullable: true })
  sourceOfFunds: string | null;
  @ApiProperty({ type: String, nullable: true })
  product: string | null;
  @ApiProperty({ type: String, nullable: true })
  channel: string | null;
  @ApiProperty({ enum: KYC_STATUSES })
  kycStatus: KycStatus;
  /** The statuses the lifecycle allows next. */
  @ApiProperty({ enum: KYC_STATUSES, isArray: true })
  nextStatuses: KycStatus[];
  /** A minimal record (created from a transaction) that still needs its KYC. */
  kycRequired: boolean;
  isPep: boolean;
  adverseMedia: boolean;
  risk: RiskRatingDto;
  /** Enhanced due diligence applies: approving needs the EDD checklist. */
  eddRequired: boolean;
  /** Why EDD applies (empty when it does not). */
  eddReasons: string[];
  @ApiProperty({ type: EddChecklistViewDto, nullable: true })
  eddChecklist: EddChecklistViewDto | null;
  @ApiProperty({ type: String, nullable: true, enum: ['clear', 'potential_match', 'confirmed_match'] })
  screeningStatus: string | null;
  @ApiProperty({ type: Number, nullable: true })
  screeningBestScore: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  screenedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  nextReviewAt: string | null;
  @ApiProperty({ type: String, nullable: true })
  decisionReason: string | null;
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt: string;
}

export class CustomerDetailDto extends CustomerDto {
  @ApiProperty({ type: [RelatedPartyDto] })
  relatedParties: RelatedPartyDto[];
  @ApiProperty({ type: [AccountDto] })
  accounts: AccountDto[];
}

export class CustomerPageDto {
  @ApiProperty({ type: [CustomerDto] })
  items: CustomerDto[];
  total: number;
  limit: number;
  offset: number;
}

export class ScreeningHitDto {
  listSource: string;
  entryExternalId: string;
  entryName: string;
  matchedName: string;
  score: number;
  explanation: string[];
}

export class SubjectScreeningDto {
  /** `customer` or `related_party`. */
  kind: string;
  subjectId: string;
  name: string;
  @ApiProperty({ enum: ['clear', 'potential_match', 'confirmed_match'] })
  status: 'clear' | 'potential_match' | 'confirmed_match';
  bestScore: number;
  @ApiProperty({ type: [ScreeningHitDto] })
  hits: ScreeningHitDto[];
}
