import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export const STATEMENT_KINDS = ['camt.053', 'camt.054'] as const;
export type StatementKind = (typeof STATEMENT_KINDS)[number];

export class GenerateStatementDto {
  /** The provider's account reference (as sent in `accountId` of ingested transactions; an IBAN goes out as IBAN). */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  accountId: string;

  /** Start of the period (inclusive), ISO 8601 date or date-time. */
  @ApiProperty({ type: String, format: 'date-time' })
  @IsISO8601({ strict: true })
  from: string;

  /** End of the period (exclusive), ISO 8601 date or date-time; at most 366 days after `from`. */
  @ApiProperty({ type: String, format: 'date-time' })
  @IsISO8601({ strict: true })
  to: string;

  /** `camt.053` (statement, with opening and closing booked balances) or `camt.054` (debit/credit notification). */
  @ApiProperty({ enum: STATEMENT_KINDS })
  @IsIn(STATEMENT_KINDS)
  kind: StatementKind;

  /** Only transactions in this ISO 4217 currency (otherwise one statement section per currency). */
  @ApiPropertyOptional({ example: 'EUR' })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code (three capital letters)' })
  currency?: string;

  /**
   * camt.053 only, with `currency`: the opening booked balance in minor units (signed integer, negative = debit).
   * Verity records flows, not balances: without it the opening balance is 0, and the closing balance is always
   * opening + credits − debits of the period.
   */
  @ApiPropertyOptional({ example: '150000' })
  @IsOptional()
  @Matches(/^-?\d{1,18}$/, { message: 'openingBalanceMinor must be an integer of minor units (at most 18 digits)' })
  openingBalanceMinor?: string;
}

export class StatementSectionDto {
  id: string;
  currency: string;
  entryCount: number;
  /** Minor units. */
  creditMinor: string;
  debitMinor: string;
  openingMinor: string;
  closingMinor: string;
}

export class GeneratedMessageDto {
  /** Verity's id of the stored outbound message (`GET /v1/iso20022/messages/{id}/xml` downloads it). */
  messageId: string;
  /** e.g. `camt.053.001.08`. */
  messageType: string;
  /** GrpHdr/MsgId. */
  msgId: string;
  /** SHA-256 (hex) of the XML bytes, as recorded in the audit ledger. */
  sha256: string;
  xml: string;
}

export class GeneratedStatementDto extends GeneratedMessageDto {
  @ApiProperty({ type: [StatementSectionDto] })
  sections: StatementSectionDto[];
}
