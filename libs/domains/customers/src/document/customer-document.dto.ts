import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Length, Matches, MaxLength, ValidateIf } from 'class-validator';
import {
  DOCUMENT_TYPES,
  DOCUMENT_VERIFICATION_STATUSES,
  type DocumentType,
  type DocumentVerificationStatus,
} from './customer-document.entity.js';

export class AddDocumentDto {
  @ApiProperty({ enum: DOCUMENT_TYPES })
  @IsIn(DOCUMENT_TYPES)
  type: DocumentType;

  @IsOptional()
  @IsString()
  @Length(1, 100)
  number?: string;

  /** ISO 3166-1 alpha-2. */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toUpperCase() : value))
  @Matches(/^[A-Z]{2}$/, { message: 'issuingCountry must be an ISO 3166-1 alpha-2 code' })
  issuingCountry?: string;

  /** YYYY-MM-DD. */
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'expiresOn must be YYYY-MM-DD' })
  expiresOn?: string;
}

export class VerifyDocumentDto {
  @ApiProperty({ enum: ['verified', 'rejected'] })
  @IsIn(['verified', 'rejected'])
  decision: 'verified' | 'rejected';

  /** Required when rejecting. */
  @ValidateIf((o: VerifyDocumentDto) => o.decision === 'rejected' || o.reason !== undefined)
  @IsString()
  @MaxLength(2000)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason?: string;
}

export class CustomerDocumentDto {
  id: string;
  customerId: string;
  @ApiProperty({ enum: DOCUMENT_TYPES })
  type: DocumentType;
  @ApiProperty({ type: String, nullable: true })
  number: string | null;
  @ApiProperty({ type: String, nullable: true })
  issuingCountry: string | null;
  @ApiProperty({ type: String, nullable: true })
  expiresOn: string | null;
  /** Whether the document has expired (today is after `expiresOn`). */
  expired: boolean;
  @ApiProperty({ enum: DOCUMENT_VERIFICATION_STATUSES })
  verificationStatus: DocumentVerificationStatus;
  provider: string;
  @ApiProperty({ type: String, nullable: true })
  verifiedBy: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  verifiedAt: string | null;
  @ApiProperty({ type: String, nullable: true })
  decisionReason: string | null;
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
}
