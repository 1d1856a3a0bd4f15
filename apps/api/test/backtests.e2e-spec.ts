import type { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransactionRunner } from '@platform/database';
import { testConfig } from '@platform/testing';
import { generateNoteKeyPair } from '@domains/audit';
import { TenantRepository } from '@domains/identity';
import { BacktestJobService } from '@domains/monitoring';
import { createWorkerApp } from '@apps/worker';
import { startTestApi, type TestApi, type TestSession } from '@apps/api/testing';

interface BacktestBody {
  id: string;
  status: string;
  processed: number;
  total: number | null;
  result: {
    transactions: number;
    labelled: number;
    published: { version: number | null; alerts: number; precision: number | null; recall: number | null };
    draft: { version: number | null; alerts: number; precision: number | null; recall: number | null };
    changedCount: number;
    changes: { externalId: string; published: string; draft: string }[];
    scoreHistogram: number[];
    suggestions: { review: number; reason: string; alerts: number }[];
  } | null;
}

const rule = (name: string, min: number, params: Record<string, unknown>) => ({
  name,
  conditions: { all: [{ fact: 'amount', operator: 'greaterThanInclusive', value: min }] },
  event: { type: name, params: { message: name, ...params } },
});

describe('backtests over HTTP (a draft replayed against the published rule set)', () => {
  let api: TestApi;
  let worker: INestApplicationContext | undefined;

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  const approve = async (session: TestSession, approvalId: string): Promise<void> => {
    const view = (await (await session.agent.get(`/v1/approvals/${approvalId}`)).json()) as { contentHash: string };
    const res = await session.agent.post(`/v1/approvals/${approvalId}/approve`, { contentHash: view.contentHash });
    expect(res.status).toBe(200);
  };

  const draft = async (session: TestSession, rules: unknown[]): Promise<{ id: string; version: number }> => {
    const res = await session.agent.post('/v1/rule-sets', {
      name: 'Backtest subject',
      document: { rules, thresholds: { review: 0.5, block: 0.9 } },
    });
    expect(res.status).toBe(201);
    return (await res.json()) as { id: string; version: number };
  };

  /** Stores decided transactions as the decision path would, with alerts (and dispositions) for the alerted ones. */
  const storeTransactions = async (
    tenantId: string,
    rows: { externalId: string; amount: number; bookedAt: string; decision: string; disposition?: string }[],
  ): Promise<void> => {
    await api.app.get(TransactionRunner).run(
      async (tx) => {
        for (const row of rows) {
          const id = randomUUID();
          await tx.query(
            `INSERT INTO monitoring_transactions (id, tenant_id, external_id, customer_id, account_id, customer_record_id,
               direction, channel, amount_minor, currency, amount_base, booked_at, counterparty, counterparty_key,
               metadata, features, decision, score, model_score, reasons, fired_rules, contributions, shadow_scores)
             VALUES ($1, $2, $3, 'c-1', 'a-1', 'rec-1', 'out', 'sepa', $4, 'EUR', $5, $6, '{"name":"X"}', 'x', '{}',
               $7, $8, 0.1, 0.1, '[]', '[]', '[]', '[]')`,
            [
              id,
              tenantId,
              row.externalId,
              String(row.amount * 100),
              String(row.amount),
              row.bookedAt,
              JSON.stringify({ amount: row.amount }),
              row.decision,
            ],
          );
          if (row.decision !== 'allow') {
            await tx.query(
              `INSERT INTO monitoring_alerts (tenant_id, transaction_id, decision, score, reasons, status, disposition)
               VALUES ($1, $2, $3, 0.37, '[]', $4, $5)`,
              [tenantId, id, row.decision, row.disposition ? 'closed' : 'open', row.disposition ?? null],
            );
          }
        }
      },
      { tenantId },
    );
  };

  it('counts the alerts of both rule sets, lists changed decisions, scores dispositions and suggests thresholds', async () => {
    const officer = await api.session(['compliance_officer']);
    const checker = await api.sessionInTenant(officer.tenantSlug, ['compliance_officer']);
    const tenant = await api.app.get(TenantRepository).findBySlug(officer.tenantSlug);
    const tenantId = tenant!.id;

    const published = await draft(officer, [rule('large', 50_000, { action: 'review', weight: 0.3 })]);
    const submitted = (await (await officer.agent.post(`/v1/rule-sets/${published.id}/submit`)).json()) as {
      approvalId: string;
    };
    await approve(checker, submitted.approvalId);

    // 10 small payments (allowed), 10 large ones (reviewed: 4 true and 4 false positives, 2 still open), 1 outside.
    const rows = [
      ...Array.from({ length: 10 }, (_, i) => ({
        externalId: `small-${i}`,
        amount: 1_000,
        bookedAt: `2026-01-0${(i % 9) + 1}T10:00:00Z`,
        decision: 'allow',
      })),
      ...Array.from({ length: 10 }, (_, i) => ({
        externalId: `large-${i}`,
        amount: 60_000,
        bookedAt: `2026-01-1${i}T10:00:00Z`,
        decision: 'review',
        disposition: i < 4 ? 'true_positive' : i < 8 ? 'false_positive' : undefined,
      })),
      { externalId: 'outside', amount: 60_000, bookedAt: '2026-03-01T10:00:00Z', decision: 'review' },
    ];
    await storeTransactions(tenantId, rows);

    // The draft alerts on every payment of 500 or more through its weight alone (score 1 − 0.9 × 0.4 = 0.64).
    const candidate = await draft(officer, [rule('any-amount', 500, { weight: 0.6 })]);
    const started = await officer.agent.post('/v1/backtests', {
      ruleSetId: candidate.id,
      from: '2026-01-01T00:00:00Z',
      to: '2026-02-01T00:00:00Z',
    });
    expect(started.status).toBe(202);
    const queued = (await started.json()) as BacktestBody;
    expect(queued.status).toBe('queued');

    // The worker's job, run here directly (the harness has no worker).
    expect(await api.app.get(BacktestJobService).run(tenantId, queued.id)).toBe('completed');

    const res = await officer.agent.get(`/v1/backtests/${queued.id}`);
    expect(res.status).toBe(200);
    const done = (await res.json()) as BacktestBody;
    expect(done).toMatchObject({ status: 'completed', processed: 20, total: 20 });
    const result = done.result!;
    expect(result.transactions).toBe(20);
    expect(result.labelled).toBe(8);
    expect(result.published).toMatchObject({ version: published.version, alerts: 10, precision: 0.5, recall: 1 });
    expect(result.draft).toMatchObject({ version: candidate.version, alerts: 20, precision: 0.5, recall: 1 });
    expect(result.changedCount).toBe(10);
    expect(result.changes.every((c) => c.externalId.startsWith('small-') && c.draft === 'review')).toBe(true);
    expect(result.scoreHistogram.reduce((a, b) => a + b, 0)).toBe(20);
    // Keeping the published volume (10 alerts) means a review threshold above the small payments' 0.64.
    const volume = result.suggestions.find((s) => s.reason === 'alert_volume');
    expect(volume?.alerts).toBeLessThanOrEqual(10);

    // Running the job again changes nothing (idempotent).
    expect(await api.app.get(BacktestJobService).run(tenantId, queued.id)).toBe('skipped');
  });

  it('refuses an empty period and an unknown rule set', async () => {
    const officer = await api.session(['compliance_officer']);
    const candidate = await draft(officer, [rule('any-amount', 500, { weight: 0.6 })]);
    const empty = await officer.agent.post('/v1/backtests', {
      ruleSetId: candidate.id,
      from: '2026-02-01T00:00:00Z',
      to: '2026-01-01T00:00:00Z',
    });
    expect(empty.status).toBe(422);
    expect(((await empty.json()) as { code: string }).code).toBe('monitoring/backtest_invalid');
    const missing = await officer.agent.post('/v1/backtests', {
      ruleSetId: randomUUID(),
      from: '2026-01-01T00:00:00Z',
      to: '2026-02-01T00:00:00Z',
    });
    expect(missing.status).toBe(404);
  });

  it('runs a requested backtest on the worker (outbox → monitoring-backtests queue) to completion', async () => {
    const officer = await api.session(['compliance_officer']);
    const tenantId = (await api.app.get(TenantRepository).findBySlug(officer.tenantSlug))!.id;
    await storeTransactions(tenantId, [
      { externalId: 'w-1', amount: 700, bookedAt: '2026-01-05T10:00:00Z', decision: 'allow' },
      { externalId: 'w-2', amount: 70_000, bookedAt: '2026-01-06T10:00:00Z', decision: 'review' },
    ]);
    const candidate = await draft(officer, [rule('any-amount', 500, { weight: 0.6 })]);
    const started = await officer.agent.post('/v1/backtests', {
      ruleSetId: candidate.id,
      from: '2026-01-01T00:00:00Z',
      to: '2026-02-01T00:00:00Z',
    });
    expect(started.status).toBe(202);
    const { id } = (await started.json()) as BacktestBody;

    worker = await createWorkerApp(testConfig({ AUDIT_SIGNING_KEYS: generateNoteKeyPair('verity.local').signerKey }));
    // Polls as the UI does until the worker has finished it (bounded by the test timeout).
    let view: BacktestBody;
    for (;;) {
      view = (await (await officer.agent.get(`/v1/backtests/${id}`)).json()) as BacktestBody;
      if (view.status === 'completed' || view.status === 'failed') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(view).toMatchObject({ status: 'completed', processed: 2, total: 2 });
    expect(view.result).toMatchObject({ transactions: 2, published: { alerts: 0 }, draft: { alerts: 2 } });
  }, 60_000);
});
