import { describe, expect, it, vi } from 'vitest';
import type { MonitoringAlertFeed, TransactionAlertDisposition } from '@domains/monitoring';
import type { TransactionRunner } from '@platform/database';
import type { Iso20022MessageEntity } from '../message/iso20022-message.entity.js';
import type { Iso20022MessageTransactionEntity } from '../message/iso20022-message-transaction.entity.js';
import type { Iso20022MessageInput, Iso20022MessageStore } from '../message/iso20022-message.store.js';
import { StatusReportBuilder } from '../status/status-report.builder.js';
import { iso20022Schema } from '../xml/iso20022-schema.locator.js';
import type { StatusFollowupRepository } from './status-followup.repository.js';
import { StatusFollowupService, laterReportTypeOf, laterStatusOf } from './status-followup.service.js';

const closed = (disposition: 'true_positive' | 'false_positive'): TransactionAlertDisposition => ({
  transactionId: 't',
  alertStatus: 'closed',
  disposition,
  disposedAt: new Date(),
});

describe('later status of a reviewed payment', () => {
  it('clears a false positive (ACSP for pacs, ACCP for pain), rejects a true positive with RR04, waits otherwise', () => {
    expect(laterStatusOf('pacs.002.001.10', closed('false_positive'))).toEqual({ status: 'ACSP', reasonCode: null });
    expect(laterStatusOf('pain.002.001.10', closed('false_positive'))).toEqual({ status: 'ACCP', reasonCode: null });
    expect(laterStatusOf('pacs.002.001.10', closed('true_positive'))).toEqual({ status: 'RJCT', reasonCode: 'RR04' });
    expect(laterStatusOf('pacs.002.001.10', undefined)).toBeNull();
    expect(
      laterStatusOf('pacs.002.001.10', {
        transactionId: 't',
        alertStatus: 'open',
        disposition: null,
        disposedAt: null,
      }),
    ).toBeNull();
    expect(laterReportTypeOf('pacs.008.001.08')).toBe('pacs.002.001.10');
    expect(laterReportTypeOf('pain.001.001.03')).toBe('pain.002.001.10');
    expect(laterReportTypeOf('camt.053.001.08')).toBeNull();
  });
});

function row(id: string, transactionId: string, endToEndId: string): Iso20022MessageTransactionEntity {
  return {
    id,
    messageId: 'm-1',
    tenantId: 'tenant',
    transactionId,
    endToEndId,
    instrId: null,
    uetr: 'e0c1bc6c-5ed7-4a1b-9c4d-2f7e6c2b8d11',
    txId: null,
    amountMinor: '1000',
    currency: 'EUR',
    status: 'pending',
    reasonCode: null,
    createdAt: new Date(),
  };
}

function harness(messageType: string) {
  const rows = [row('r1', 'tx-1', 'E2E-山田'), row('r2', 'tx-2', 'E2E-Иван'), row('r3', 'tx-3', 'E2E-open')];
  const original = {
    id: 'm-1',
    messageType,
    msgId: 'ORIG-1',
    xml: null,
    direction: 'in',
  } as unknown as Iso20022MessageEntity;
  const recorded: Iso20022MessageInput[] = [];
  const statuses = new Map<string, string>();
  const repository = {
    pending: vi.fn(() =>
      Promise.resolve(
        rows
          .filter((r) => !statuses.has(r.id))
          .map((r) => ({ id: r.id, messageId: r.messageId, transactionId: r.transactionId! })),
      ),
    ),
    lockPending: vi.fn((_tx: unknown, _tenant: string, ids: readonly string[]) =>
      Promise.resolve(rows.filter((r) => ids.includes(r.id) && !statuses.has(r.id))),
    ),
    findMessage: vi.fn(() => Promise.resolve(original)),
    setStatus: vi.fn((_tx: unknown, _tenant: string, id: string, status: string) => {
      statuses.set(id, status);
      return Promise.resolve();
    }),
  } as unknown as StatusFollowupRepository;
  const alerts = {
    dispositionsOfTransactions: vi.fn(() =>
      Promise.resolve([
        { ...closed('false_positive'), transactionId: 'tx-1' },
        { ...closed('true_positive'), transactionId: 'tx-2' },
        { transactionId: 'tx-3', alertStatus: 'open', disposition: null, disposedAt: null },
      ]),
    ),
  } as unknown as MonitoringAlertFeed;
  const store = {
    record: vi.fn((_tx: unknown, input: Iso20022MessageInput) => {
      recorded.push(input);
      return Promise.resolve({ id: `out-${String(recorded.length)}` });
    }),
  } as unknown as Iso20022MessageStore;
  const runner = { run: <T>(work: (tx: unknown) => Promise<T>) => work({}) } as unknown as TransactionRunner;
  const service = new StatusFollowupService(runner, repository, alerts, store, new StatusReportBuilder());
  return { service, recorded, statuses };
}

describe('StatusFollowupService', () => {
  it.each(['pacs.008.001.08', 'pain.001.001.09'])(
    'answers the decided payments of a %s once with a schema-valid later report, and leaves open ones pending',
    async (messageType) => {
      const { service, recorded, statuses } = harness(messageType);
      expect(await service.followUp('tenant')).toBe(1);
      expect(await service.followUp('tenant')).toBe(0);
      expect(recorded).toHaveLength(1);
      const report = recorded[0];
      const type = messageType.startsWith('pacs') ? 'pacs.002.001.10' : 'pain.002.001.10';
      expect(report).toMatchObject({
        direction: 'out',
        messageType: type,
        relatedMessageId: 'm-1',
        status: 'generated',
      });
      expect(iso20022Schema(type).validate(report.xml!).issues).toEqual([]);
      expect(report.xml).toContain('<GrpSts>PART</GrpSts>');
      expect(report.xml).toContain('<OrgnlEndToEndId>E2E-山田</OrgnlEndToEndId>');
      expect(report.xml).toContain('<Cd>RR04</Cd>');
      expect(report.transactions?.map((t) => [t.transactionId, t.status])).toEqual([
        ['tx-1', 'accepted'],
        ['tx-2', 'rejected'],
      ]);
      expect(Object.fromEntries(statuses)).toEqual({ r1: 'accepted', r2: 'rejected' });
    },
  );
});

describe('StatusFollowupService paging', () => {
  it('reaches decided payments behind a full page of payments still under review', async () => {
    const rows = Array.from({ length: 501 }, (_, i) => row(`r${String(i)}`, `tx-${String(i)}`, `E2E-${String(i)}`));
    const pages: (string | undefined)[] = [];
    const statuses = new Map<string, string>();
    const repository = {
      pending: vi.fn((_tx: unknown, _tenant: string, limit: number, afterId?: string) => {
        pages.push(afterId);
        const start = afterId === undefined ? 0 : rows.findIndex((r) => r.id === afterId) + 1;
        return Promise.resolve(
          rows
            .slice(start)
            .filter((r) => !statuses.has(r.id))
            .slice(0, limit)
            .map((r) => ({ id: r.id, messageId: r.messageId, transactionId: r.transactionId! })),
        );
      }),
      lockPending: vi.fn((_tx: unknown, _tenant: string, ids: readonly string[]) =>
        Promise.resolve(rows.filter((r) => ids.includes(r.id) && !statuses.has(r.id))),
      ),
      findMessage: vi.fn(() =>
        Promise.resolve({ id: 'm-1', messageType: 'pacs.008.001.08', msgId: 'ORIG-1', xml: null, direction: 'in' }),
      ),
      setStatus: vi.fn((_tx: unknown, _tenant: string, id: string, status: string) => {
        statuses.set(id, status);
        return Promise.resolve();
      }),
    } as unknown as StatusFollowupRepository;
    const alerts = {
      dispositionsOfTransactions: vi.fn((_tenant: string, ids: readonly string[]) =>
        Promise.resolve(
          ids.map((transactionId) =>
            transactionId === 'tx-500'
              ? { ...closed('true_positive'), transactionId }
              : { transactionId, alertStatus: 'open', disposition: null, disposedAt: null },
          ),
        ),
      ),
    } as unknown as MonitoringAlertFeed;
    const recorded: Iso20022MessageInput[] = [];
    const store = {
      record: vi.fn((_tx: unknown, input: Iso20022MessageInput) => {
        recorded.push(input);
        return Promise.resolve({ id: 'out-1' });
      }),
    } as unknown as Iso20022MessageStore;
    const runner = { run: <T>(work: (tx: unknown) => Promise<T>) => work({}) } as unknown as TransactionRunner;
    const service = new StatusFollowupService(runner, repository, alerts, store, new StatusReportBuilder());

    expect(await service.followUp('tenant')).toBe(1);
    expect(pages).toEqual([undefined, 'r499']);
    expect(recorded[0]?.transactions?.map((t) => [t.transactionId, t.status])).toEqual([['tx-500', 'rejected']]);
    expect(Object.fromEntries(statuses)).toEqual({ r500: 'rejected' });
  });
});
