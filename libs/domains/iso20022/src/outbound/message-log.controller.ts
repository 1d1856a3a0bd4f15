import { Controller, Get, Param, ParseUUIDPipe, Query, StreamableFile } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ProblemDetails } from '@platform/http';
import { CurrentPrincipal, RequirePermission, type Principal } from '@domains/identity';
import type { Iso20022MessageTransactionView } from '../message/iso20022-message.store.js';
import {
  MessageDetailDto,
  MessageListItemDto,
  MessageListQueryDto,
  MessagePageDto,
  MessageTransactionDto,
} from './message-log.dto.js';
import { MessageLogService, type MessageLogEntry } from './message-log.service.js';

function itemOf({ message: m, transactionCount }: MessageLogEntry): MessageListItemDto {
  return {
    id: m.id,
    direction: m.direction,
    messageType: m.messageType,
    msgId: m.msgId,
    status: m.status,
    reason: m.reason,
    sha256: m.sha256,
    sizeBytes: m.sizeBytes,
    transactionCount,
    relatedMessageId: m.relatedMessageId,
    createdAt: m.createdAt.toISOString(),
  };
}

function transactionOf(t: Iso20022MessageTransactionView): MessageTransactionDto {
  return {
    id: t.id,
    transactionId: t.transactionId,
    endToEndId: t.endToEndId,
    instrId: t.instrId,
    uetr: t.uetr,
    txId: t.txId,
    amountMinor: String(t.amountMinor),
    currency: t.currency,
    status: t.status,
    reasonCode: t.reasonCode,
  };
}

/** The message log: every ISO 20022 message received or sent, its parsed view, transactions and raw XML. */
@ApiTags('iso20022')
@Controller('v1/iso20022/messages')
export class MessageLogController {
  constructor(private readonly log: MessageLogService) {}

  /** Newest first; filter by direction, message type and status; page with `before` = the previous `nextCursor`. */
  @RequirePermission('iso20022:read')
  @Get()
  @ApiOkResponse({ type: MessagePageDto })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: MessageListQueryDto): Promise<MessagePageDto> {
    const limit = query.limit ?? 50;
    const entries = await this.log.list(principal.tenantId, {
      direction: query.direction,
      messageType: query.type,
      status: query.status,
      before: query.before,
      limit: limit + 1,
    });
    const page = entries.slice(0, limit);
    return {
      items: page.map(itemOf),
      nextCursor: entries.length > limit ? (page[page.length - 1]?.message.id ?? null) : null,
    };
  }

  /** The parsed view: summary, linked transactions (with their monitoring transaction ids) and related messages. */
  @RequirePermission('iso20022:read')
  @Get(':id')
  @ApiOkResponse({ type: MessageDetailDto })
  @ApiNotFoundResponse({ type: ProblemDetails, description: '`iso20022/message_not_found`' })
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<MessageDetailDto> {
    const detail = await this.log.get(principal.tenantId, id);
    return {
      ...itemOf(detail),
      businessMessageId: detail.message.businessMessageId,
      summary: detail.message.summary,
      transactions: detail.transactions.map(transactionOf),
      related: detail.related.map(itemOf),
      hasXml: detail.message.xml !== null,
    };
  }

  /** The raw XML as stored (exact bytes whose SHA-256 the ledger holds), as a download. */
  @RequirePermission('iso20022:read')
  @Get(':id/xml')
  @ApiProduces('application/xml')
  @ApiOkResponse({ description: 'The XML document', schema: { type: 'string' } })
  @ApiNotFoundResponse({ type: ProblemDetails, description: '`iso20022/message_not_found`' })
  async xml(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<StreamableFile> {
    const { message, xml } = await this.log.xml(principal.tenantId, id);
    const bytes = Buffer.from(xml, 'utf8');
    const name = `${message.messageType}-${(message.msgId ?? message.id).replace(/[^A-Za-z0-9._-]/g, '_')}.xml`;
    return new StreamableFile(bytes, {
      type: 'application/xml; charset=utf-8',
      disposition: `attachment; filename="${name}"`,
      length: bytes.length,
    });
  }
}
