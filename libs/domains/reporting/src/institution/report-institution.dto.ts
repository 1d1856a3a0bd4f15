import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';

export class ReportInstitutionAddressDto {
  @IsOptional()
  @IsString()
  @Length(1, 200)
  line1?: string;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  line2?: string;

  @IsOptional()
  @IsString()
  @Length(1, 100)
  city?: string;

  /** State or province code (FinCEN: the two-letter US state). */
  @IsOptional()
  @IsString()
  @Length(1, 100)
  region?: string;

  @IsOptional()
  @IsString()
  @Length(1, 30)
  postalCode?: string;

  /** ISO 3166-1 alpha-2. */
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code' })
  country: string;
}

export class ReportInstitutionContactDto {
  @IsString()
  @Length(1, 150)
  name: string;

  @IsString()
  @Matches(/^[0-9+()\- ]{4,30}$/, { message: 'phone must be 4-30 digits, spaces, +, - or parentheses' })
  phone: string;

  @IsEmail()
  email: string;

  @IsOptional()
  @IsString()
  @Length(1, 100)
  title?: string;
}

export class ReportInstitutionDto {
  @IsString()
  @Length(1, 300)
  name: string;

  /** goAML reporting entity id (`rentity_id`). */
  @IsString()
  @Length(1, 50)
  goamlEntityId: string;

  /** The filer's TIN (EIN for US institutions). */
  @IsString()
  @Length(1, 25)
  tin: string;

  @IsIn(['EIN', 'SSN-ITIN', 'foreign'])
  @ApiProperty({ enum: ['EIN', 'SSN-ITIN', 'foreign'] })
  tinType: 'EIN' | 'SSN-ITIN' | 'foreign';

  /** FinCEN primary federal regulator code (FinCEN code list, e.g. `9` for the OCC). */
  @IsString()
  @Length(1, 10)
  federalRegulator: string;

  /** FinCEN institution type code (e.g. `2` depository institution, `5` MSB). */
  @IsString()
  @Length(1, 10)
  institutionType: string;

  /** FinCEN BSA E-Filing Transmitter Control Code (TCC); required for FinCEN SAR and CTR batches. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9]{1,25}$/, { message: 'transmitterControlCode must be 1-25 letters or digits' })
  transmitterControlCode?: string;

  @ValidateNested()
  @Type(() => ReportInstitutionAddressDto)
  address: ReportInstitutionAddressDto;

  @ValidateNested()
  @Type(() => ReportInstitutionContactDto)
  contact: ReportInstitutionContactDto;

  /** goAML `currency_code_local` (ISO 4217); default USD. */
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: 'localCurrency must be an ISO 4217 code' })
  @ApiPropertyOptional({ default: 'USD' })
  localCurrency?: string;

  /** ISO 3166-1 alpha-2 of the FIU; default US. */
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'jurisdiction must be an ISO 3166-1 alpha-2 code' })
  @ApiPropertyOptional({ default: 'US' })
  jurisdiction?: string;
}

export class ReportInstitutionViewDto extends ReportInstitutionDto {
  declare localCurrency: string;
  declare jurisdiction: string;
  updatedBy: string;
  updatedAt: string;
}
