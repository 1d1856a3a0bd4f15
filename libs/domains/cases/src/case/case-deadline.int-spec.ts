import 'reflect-metadata';
import { Test, type TestingModule } from '@nestjs/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigModule } from '@platform/config';
import { DatabaseConnector, DatabaseModule, TransactionRunner } from '@platform/database';
import { QueueModule } from '@platform/queue';
import { testConfig } from '@platform/testing';
import type { KeyPrincipal } from '@domains/identity';
import { CasesModule } from '../cases.module.js';
import { CaseDeadlineService } from './case-deadline.service.js';
import { CaseRepository } from './case.repository.js';
import { CaseService } from './case.service.js';

const DAY = 86_400_000;

describe('regulatory clock scan (real PostgreSQL)', () => {
  let moduleRef: TestingModule;
  let principal: KeyPrincipal;

  /** A case closed as sar_needed whose report is due at `dueAt`. */
  const closedCase = async (dueAt: Date): Promise<string> => {
    const created = await moduleRef.get(CaseService).create(principal, { title: `Due ${dueAt.toISOString()}` });
    await moduleRef.get(TransactionRunner).run(
      (t) =>
        moduleRef.get(CaseRepository).update(t, principal.tenantId, created.id, {
          status: 'closed',
          closeDisposition: 'sar_needed',
          determinedAt: new Date(dueAt.getTime() - 30 * DAY),
          reportDueAt: dueAt,
        }),
      { tenantId: principal.tenantId },
    );
    return created.id;
  };

  const deadlineAlerts = async (): Promise<{ source_id: string; priority: string }[]> =>
    moduleRef
      .get(TransactionRunner)
      .run<{ source_id: string; priority: string }[]>(
        (t) =>
          t.query(
            `SELECT source_id, priority FROM case_alerts WHERE tenant_id = $1 AND type = 'case_deadline' ORDER BY source_id`,
            [principal.tenantId],
          ),
        { tenantId: principal.tenantId },
      );

  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(testConfig({ CASES_REMINDER_DAYS: '7' })),
        DatabaseModule,
        QueueModule.forRoot({ queues: [], consume: false }),
        CasesModule,
      ],
    }).compile();
    await moduleRef.init();
    await moduleRef.get(DatabaseConnector).whenConnected();
    const [row] = await moduleRef
      .get(TransactionRunner)
      .reader.query<{ id: string }[]>('INSERT INTO tenants (slug, name) VALUES ($1, $1) RETURNING id', [
        `clock-${randomBytes(5).toString('hex')}`,
      ]);
    principal = { kind: 'key', tenantId: row.id, keyId: randomUUID(), keyName: 'test', roles: ['analyst'] };
  }, 60_000);

  afterAll(async () => {
    await moduleRef?.close();
  });

  it('raises a reminder within the window and a critical overdue alert after the due date, each once', async () => {
    const now = new Date();
    const soon = await closedCase(new Date(now.getTime() + 3 * DAY));
    const late = await closedCase(new Date(now.getTime() - DAY));
    const far = await closedCase(new Date(now.getTime() + 20 * DAY));
    const deadlines = moduleRef.get(CaseDeadlineService);

    expect(await deadlines.scan(principal.tenantId, now)).toBe(2);
    expect(await deadlineAlerts()).toEqual(
      [
        { source_id: `${soon}:reminder`, priority: 'high' },
        { source_id: `${late}:overdue`, priority: 'critical' },
      ].sort((a, b) => a.source_id.localeCompare(b.source_id)),
    );
    // The next hourly run raises nothing again.
    expect(await deadlines.scan(principal.tenantId, now)).toBe(0);
    // Later, the reminded case becomes overdue (one more alert), and the far one enters its reminder window.
    expect(await deadlines.scan(principal.tenantId, new Date(now.getTime() + 14 * DAY))).toBe(2);
    const sources = (await deadlineAlerts()).map((a) => a.source_id);
    expect(sources).toEqual(
      expect.arrayContaining([`${soon}:overdue`, `${far}:reminder`, `${soon}:reminder`, `${late}:overdue`]),
    );
    expect(sources).toHaveLength(4);
  });
});
