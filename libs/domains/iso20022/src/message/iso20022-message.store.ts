import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuditLedger, type AuditActor } from '@domains/audit';
import { TransactionRunner, type Tx } from '@platform/database';
import { Iso20022Error } from '../iso20022.errors.js';
import type {
  Iso20022Direction,
  Iso20022MessageEntity,
  Iso20022MessageStatus,
  Iso20022MessageSummary,
} from './iso20022-message.entity.js';
import type { Iso20022MessageTransactionEntity } from './iso20022-message-transaction.entity.js';
import {
  Iso20022MessageRepository,
  type Iso20022MessageFilters,
  type NewIso20022MessageTransaction,
} from './iso20022-message.repository.js';

export const ISO20022_MESSAGE_RECEIVED_ACTION = 'iso20022.message.received';
export const ISO20022_MESSAGE_SENT_ACTION = 'iso20022.message.sent';
export const ISO20022_MESSAGE_REJECTED_ACTION = 'iso20022.message.rejected';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Reasons can quote the message; the audit payload keeps a bounded prefix. */
const MAX_AUDIT_REASON = 2000;

/** SHA-256 (hex) and size of the exact bytes of a message. */
export function digestOf(body: Uint8Array | string): { sha256: string; sizeBytes: number } {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return { sha256: createHash('sha256').update(bytes).digest('hex'), sizeBytes: bytes.byteLength };
}

export interface Iso20022MessageInput {
  readonly tenantId: string;
  readonly actor: AuditActor;
  readonly direction: Iso20022Direction;
  /** `pacs.008.001.08`…; `unknown` when an inbound body could not be identified. */
  readonly messageType: string;
  readonly msgId?: string | null;
  readonly businessMessageId?: string | null;
  readonly status: Iso20022MessageStatus;
  readonly reason?: string | null;
  /** SHA-256 hex and byte size of the exact body (see `digestOf`); for a body refused unread, of what was read. */
  readonly sha256: string;
  readonly sizeBytes: number;
  /** The XML as received or sent; null when nothing of the body is kept (refused before it was read as XML). */
  readonly xml: string | null;
  readonly summary?: Iso20022MessageSummary;
  readonly relatedMessageId?: string | null;
  readonly transactions?: readonly NewIso20022MessageTransaction[];
}

/** A stored message as callers see it. */
export type Iso20022MessageView = Iso20022MessageEntity;
export type Iso20022MessageTransactionView = Iso20022MessageTransactionEntity;

/**
 * The message store: every ISO 20022 message in or out of a tenant, its transactions and their statuses, recorded
 * in the audit ledger in the caller's transaction (with the message's SHA-256, so the ledger commits to the bytes).
 */
@Injectable()
export class Iso20022MessageStore {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly messages: Iso20022MessageRepository,
    private readonly ledger: AuditLedger,
  ) {}

  /**
   * Stores the message and its transactions and records `iso20022.message.received` (in, not rejected),
   * `iso20022.message.sent` (out) or `iso20022.message.rejected` (in, rejected).
   */
  async record(tx: Tx, input: Iso20022MessageInput): Promise<Iso20022MessageEntity> {
    const transactions = input.transactions ?? [];
    const message = await this.messages.insert(tx, {
      tenantId: input.tenantId,
      direction: input.direction,
      messageType: input.messageType,
      msgId: input.msgId ?? null,
      businessMessageId: input.businessMessageId ?? null,
      status: input.status,
      reason: input.reason ?? null,
      sha256: input.sha256,
      sizeBytes: input.sizeBytes,
      xml: input.xml,
      summary: input.summary ?? {},
      relatedMessageId: input.relatedMessageId ?? null,
    });
    if (transactions.length > 0) {
      await this.messages.insertTransactions(tx, input.tenantId, message.id, transactions);
    }
    const action =
      input.direction === 'out'
        ? ISO20022_MESSAGE_SENT_ACTION
        : input.status === 'rejected'
          ? ISO20022_MESSAGE_REJECTED_ACTION
          : ISO20022_MESSAGE_RECEIVED_ACTION;
    await this.ledger.record(tx, {
      tenantId: input.tenantId,
      actor: input.actor,
      action,
      subject: { type: 'iso20022_message', id: message.id },
      payload: {
        messageType: input.messageType,
        msgId: input.msgId ?? null,
        businessMessageId: input.businessMessageId ?? null,
        status: input.status,
        reason: input.reason ? input.reason.slice(0, MAX_AUDIT_REASON) : null,
        sha256: input.sha256,
        sizeBytes: input.sizeBytes,
        relatedMessageId: input.relatedMessageId ?? null,
        transactions: transactions.length,
      },
    });
    return message;
  }

  /** The message with its XML; another tenant's id is not found. */
  async get(tenantId: string, id: string): Promise<Iso20022MessageView> {
    const found = UUID.test(id)
      ? await this.transactions.run((tx) => this.messages.findById(tx, tenantId, id), { tenantId })
      : null;
    if (!found) throw notFound(id);
    return found;
  }

  /** The tenant's messages, newest first, without their XML. */
  list(tenantId: string, filters: Iso20022MessageFilters = {}): Promise<Iso20022MessageView[]> {
    const limit = Math.min(Math.max(Math.trunc(filters.limit ?? 50), 1), 500);
    return this.transactions.run((tx) => this.messages.list(tx, tenantId, { ...filters, limit }), { tenantId });
  }

  /** The transactions of a message, in message order; an unknown message is not found. */
  async transactionsOf(tenantId: string, messageId: string): Promise<Iso20022MessageTransactionView[]> {
    if (!UUID.test(messageId)) throw notFound(messageId);
    return this.transactions.run(
      async (tx) => {
        if (!(await this.messages.exists(tx, tenantId, messageId))) throw notFound(messageId);
        return this.messages.transactionsOf(tx, tenantId, messageId);
      },
      { tenantId },
    );
  }

  /** Counts (rejection records included) — used by tests and the message log's header. */
  count(
    tenantId: string,
    filters: { direction?: Iso20022Direction; status?: Iso20022MessageStatus } = {},
  ): Promise<number> {
    return this.transactions.run((tx) => this.messages.count(tx, tenantId, filters), { tenantId });
  }
}

function notFound(id: string): Iso20022Error {
  return new Iso20022Error('iso20022/message_not_found', 'not_found', `No ISO 20022 message ${id}`);
}
