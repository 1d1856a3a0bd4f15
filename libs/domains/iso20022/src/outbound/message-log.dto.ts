import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import {
  ISO20022_DIRECTIONS,
  ISO20022_MESSAGE_STATUSES,
  type Iso20022Direction,
  type Iso20022MessageStatus,
} from '../message/iso20022-message.entity.js';
import {
  ISO20022_TRANSACTION_STATUSES,
  type Iso20022TransactionStatus,
} from '../message/iso20022-message-transaction.entity.js';

export class MessageListQueryDto {
  @ApiPropertyOptional({ enum: ISO20022_DIRECTIONS })
  @IsOptional()
  @IsIn(ISO20022_DIRECTIONS)
  direction?: Iso20022Direction;

  /** Message definition, e.g. `pacs.008.001.08`. */
  @ApiPropertyOptional({ example: 'camt.053.001.08' })
  @IsOptional()
  @Matches(/^[a-z]{4}\.\d{3}\.\d{3}\.\d{2}$|^unknown$/, {
    message: 'type must be a message definition like pacs.008.001.08',
  })
  type?: string;

  @ApiPropertyOptional({ enum: ISO20022_MESSAGE_STATUSES })
  @IsOptional()
  @IsIn(ISO20022_MESSAGE_STATUSES)
  status?: Iso20022MessageStatus;

  /** The `nextCursor` of the previous page (the id of its last message). */
  @ApiPropertyOptional({ type: String, format: 'uuid' })
  @IsOptional()
  @IsUUID()
  before?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number = 50;
}

export class MessageListItemDto {
  id: string;
  @ApiProperty({ enum: ISO20022_DIRECTIONS })
  direction: Iso20022Direction;
  /** Message definition, e.g. `pacs.008.001.08`. */
  messageType: string;
  @ApiProperty({ type: String, nullable: true })
  msgId: string | null;
  @ApiProperty({ enum: ISO20022_MESSAGE_STATUSES })
  status: Iso20022MessageStatus;
  @ApiProperty({ type: String, nullable: true })
  reason: string | null;
  sha256: string;
  sizeBytes: number;
  /** Transactions of the message (linked payments / statement entries). */
  transactionCount: number;
  /** The message this one answers or returns (a status report, a pacs.004). */
  @ApiProperty({ type: String, nullable: true })
  relatedMessageId: string | null;
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
}

export class MessagePageDto {
  @ApiProperty({ type: [MessageListItemDto] })
  items: MessageListItemDto[];
  /** Pass as `before` for the next page; null on the last page. */
  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}

export class MessageTransactionDto {
  id: string;
  /** The monitoring transaction (`/v1/transactions/{id}`), when the payment was decided. */
  @ApiProperty({ type: String, nullable: true })
  transactionId: string | null;
  endToEndId: string;
  @ApiProperty({ type: String, nullable: true })
  instrId: string | null;
  @ApiProperty({ type: String, nullable: true })
  uetr: string | null;
  @ApiProperty({ type: String, nullable: true })
  txId: string | null;
  /** Minor units. */
  amountMinor: string;
  currency: string;
  @ApiProperty({ enum: ISO20022_TRANSACTION_STATUSES })
  status: Iso20022TransactionStatus;
  @ApiProperty({ type: String, nullable: true })
  reasonCode: string | null;
}

export class MessageDetailDto extends MessageListItemDto {
  @ApiProperty({ type: String, nullable: true })
  businessMessageId: string | null;
  /** The parsed view stored with the message (group header, parties, amounts, per-transaction list). */
  @ApiProperty({ type: 'object', additionalProperties: true })
  summary: Record<string, unknown>;
  @ApiProperty({ type: [MessageTransactionDto] })
  transactions: MessageTransactionDto[];
  /** Messages related either way: the one this answers, and those answering or returning this one. */
  @ApiProperty({ type: [MessageListItemDto] })
  related: MessageListItemDto[];
  /** Whether the raw XML is kept (`GET …/xml`). */
  hasXml: boolean;
}
