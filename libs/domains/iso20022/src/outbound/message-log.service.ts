import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@platform/database';
import { Iso20022Error } from '../iso20022.errors.js';
import type { Iso20022MessageEntity } from '../message/iso20022-message.entity.js';
import { Iso20022MessageStore, type Iso20022MessageTransactionView } from '../message/iso20022-message.store.js';
import type { Iso20022MessageFilters } from '../message/iso20022-message.repository.js';
import { MessageLogRepository } from './message-log.repository.js';

export interface MessageLogEntry {
  readonly message: Iso20022MessageEntity;
  readonly transactionCount: number;
}

export interface MessageLogDetail extends MessageLogEntry {
  readonly transactions: readonly Iso20022MessageTransactionView[];
  readonly related: readonly MessageLogEntry[];
}

/** The message log: every message in and out, their transactions and how they relate (iso20022:read). */
@Injectable()
export class MessageLogService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly store: Iso20022MessageStore,
    private readonly log: MessageLogRepository,
  ) {}

  async list(tenantId: string, filters: Iso20022MessageFilters): Promise<MessageLogEntry[]> {
    return this.entries(tenantId, await this.store.list(tenantId, filters));
  }

  async get(tenantId: string, id: string): Promise<MessageLogDetail> {
    const message = await this.store.get(tenantId, id);
    const transactions = await this.store.transactionsOf(tenantId, id);
    const answers = await this.store.list(tenantId, { relatedMessageId: id, limit: 100 });
    const answered = message.relatedMessageId
      ? await this.store.get(tenantId, message.relatedMessageId).catch((e: unknown) => {
          if (e instanceof Iso20022Error && e.code === 'iso20022/message_not_found') return null;
          throw e;
        })
      : null;
    const related = await this.entries(tenantId, [...(answered ? [answered] : []), ...answers]);
    return { message, transactionCount: transactions.length, transactions, related };
  }

  async xml(tenantId: string, id: string): Promise<{ message: Iso20022MessageEntity; xml: string }> {
    const message = await this.store.get(tenantId, id);
    if (message.xml === null) {
      throw new Iso20022Error(
        'iso20022/message_not_found',
        'not_found',
        `Message ${id} has no stored XML (refused unread)`,
      );
    }
    return { message, xml: message.xml };
  }

  private async entries(tenantId: string, messages: readonly Iso20022MessageEntity[]): Promise<MessageLogEntry[]> {
    const counts = await this.transactions.run(
      (tx) =>
        this.log.transactionCounts(
          tx,
          tenantId,
          messages.map((m) => m.id),
        ),
      { tenantId },
    );
    return messages.map((message) => ({ message, transactionCount: counts.get(message.id) ?? 0 }));
  }
}
