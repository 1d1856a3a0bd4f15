/**
 * Hand-written shapes of the ISO 20022 message-log and statement endpoints
 * (libs/domains/iso20022/src/outbound/message-log.dto.ts, statement.dto.ts), until apps/api/openapi.json is
 * regenerated with them.
 */
export const MESSAGE_DIRECTIONS = ['in', 'out'] as const;
export type MessageDirection = (typeof MESSAGE_DIRECTIONS)[number];
export const MESSAGE_STATUSES = ['accepted', 'pending', 'rejected', 'partially_accepted', 'generated'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];
export const MESSAGE_TYPES = [
  'pacs.008.001.08',
  'pain.001.001.09',
  'pain.001.001.03',
  'pacs.002.001.10',
  'pain.002.001.10',
  'pacs.004.001.09',
  'camt.053.001.08',
  'camt.054.001.08',
] as const;
export type StatementKind = 'camt.053' | 'camt.054';

export interface MessageListItemDto {
  id: string;
  direction: MessageDirection;
  messageType: string;
  msgId: string | null;
  status: MessageStatus;
  reason: string | null;
  sha256: string;
  sizeBytes: number;
  transactionCount: number;
  relatedMessageId: string | null;
  createdAt: string;
}

export interface MessagePageDto {
  items: MessageListItemDto[];
  nextCursor: string | null;
}

export interface MessageTransactionDto {
  id: string;
  transactionId: string | null;
  endToEndId: string;
  instrId: string | null;
  uetr: string | null;
  txId: string | null;
  amountMinor: string;
  currency: string;
  status: 'accepted' | 'pending' | 'rejected' | 'returned';
  reasonCode: string | null;
}

export interface MessageDetailDto extends MessageListItemDto {
  businessMessageId: string | null;
  summary: Record<string, unknown>;
  transactions: MessageTransactionDto[];
  related: MessageListItemDto[];
  hasXml: boolean;
}

export interface GenerateStatementRequest {
  accountId: string;
  from: string;
  to: string;
  kind: StatementKind;
  currency?: string;
  openingBalanceMinor?: string;
}

export interface GeneratedStatementDto {
  messageId: string;
  messageType: string;
  msgId: string;
  sha256: string;
  xml: string;
  sections: {
    id: string;
    currency: string;
    entryCount: number;
    creditMinor: string;
    debitMinor: string;
    openingMinor: string;
    closingMinor: string;
  }[];
}
