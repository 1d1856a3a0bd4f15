import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { GeneratedMessageDto } from '../outbound/statement.dto.js';
import { RETURN_REASON_CODES, type ReturnReasonCode } from './payment-return.builder.js';

export class ReturnPaymentDto {
  /** ExternalReturnReason1Code: AC04 closed account, AM05 duplicate, FOCR after a cancellation request, MS03 agent's reason, RR04 regulatory… */
  @ApiProperty({ enum: RETURN_REASON_CODES, example: 'RR04' })
  @IsIn(RETURN_REASON_CODES)
  reasonCode: ReturnReasonCode;

  /** Free text for the receiving agent (cut into up to three Max105Text lines). */
  @ApiPropertyOptional({ maxLength: 315 })
  @IsOptional()
  @IsString()
  @MaxLength(315)
  additionalInfo?: string;
}

export class PaymentReturnDto extends GeneratedMessageDto {
  /** The inbound message the returned payment came in. */
  originalMessageId: string;
  /** The monitoring transaction returned. */
  transactionId: string;
}
