import 'reflect-metadata';
import { Test, type TestingModule } from '@nestjs/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigModule } from '@platform/config';
import { DatabaseConnector, DatabaseModule, TransactionRunner } from '@platform/database';
import { QueueModule } from '@platform/queue';
import { testConfig } from '@platform/testing';
import { AlertWorkflowService } from '../alert/alert-workflow.service.js';
import { CasesModule } from '../cases.module.js';
import { AlertIntakeService, INTAKE_OVERLAP_MS } from './alert-intake.service.js';

describe('alert intake, claims and the SLA job (real PostgreSQL)', () => {
  let moduleRef: TestingModule;
  let transactions: TransactionRunner;
  let intake: AlertIntakeService;
  let workflow: AlertWorkflowService;

  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(testConfig()),
        DatabaseModule,
        QueueModule.forRoot({ queues: [], consume: false }),
        CasesModule,
      ],
    }).compile();
    await moduleRef.init();
    await moduleRef.get(DatabaseConnector).whenConnected();
    transactions = moduleRef.get(TransactionRunner);
    intake = moduleRef.get(AlertIntakeService);
    workflow = moduleRef.get(AlertWorkflowService);
  }, 60_000);

  afterAll(async () => {
    await moduleRef?.close();
  });

  async function newTenant(): Promise<string> {
    const [row] = await transactions.reader.query<{ id: string }[]>(
      'INSERT INTO tenants (slug, name) VALUES ($1, $1) RETURNING id',
      [`alerts-${randomBytes(5).toString('hex')}`],
    );
    return row.id;
  }

  const sql = <T>(tenantId: string, query: string, params: unknown[] = []): Promise<T[]> =>
    transactions.run<T[]>((tx) => tx.query(query, params), { tenantId });

  /** A reviewed transaction and its monitoring alert, created at `createdAt` (as the decision path would). */
  async function monitoringAlert(tenantId: string, createdAt: Date): Promise<string> {
    const [t] = await sql<{ id: string }>(
      tenantId,
      `INSERT INTO monitoring_transactions (tenant_id, external_id, customer_id, account_id, customer_record_id, direction,
         channel, amount_minor, currency, amount_base, booked_at, counterparty, counterparty_key, metadata, features,
         decision, score, model_score, reasons, fired_rules, contributions, shadow_scores, created_at)
       VALUES ($1, $2, 'c-1', 'a-1', 'c-1', 'out', 'wire', 980000, 'USD', 9800, now(), '{"name":"Acme"}', 'name:acme',
         '{}', '{}', 'review', 0.6, 0.2, '[]', '[{"name":"large","type":"large","message":"Large","action":"review","weight":0.3}]',
         '[]', '[]', $3) RETURNING id`,
      [tenantId, `t-${randomUUID()}`, createdAt],
    );
    const [a] = await sql<{ id: string }>(
      tenantId,
      `INSERT INTO monitoring_alerts (tenant_id, transaction_id, decision, score, reasons, created_at)
       VALUES ($1, $2, 'review', 0.6, '[]', $3) RETURNING id`,
      [tenantId, t.id, createdAt],
    );
    return a.id;
  }

  /** Alerts without a source to read (deadline reminders), raised straight through the contract. */
  async function raiseAlerts(tenantId: string, n: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i += 1) {
      const { alertId } = await transactions.run(
        (tx) =>
          intake.raise(tx, {
            tenantId,
            type: 'case_deadline',
            sourceId: randomUUID(),
            subjectType: 'case',
            subjectId: randomUUID(),
            subjectLabel: `CASE-${i}`,
            title: 'Report due soon',
            priority: 'medium',
            details: {},
          }),
        { tenantId },
      );
      ids.push(alertId);
    }
    return ids;
  }

  it('raises one alert per source item however often it runs, and picks up a row that committed late', async () => {
    const tenantId = await newTenant();
    const now = Date.now();
    const sources = [
      await monitoringAlert(tenantId, new Date(now - 5_000)),
      await monitoringAlert(tenantId, new Date(now)),
    ];
    const [first, second] = await Promise.all([intake.runOnce(tenantId), intake.runOnce(tenantId)]);
    expect(first.raised + second.raised).toBe(2);
    expect((await intake.runOnce(tenantId)).raised).toBe(0);

    // A decision whose transaction started before the cursor's newest row but committed after the last pass.
    const late = await monitoringAlert(tenantId, new Date(now - INTAKE_OVERLAP_MS / 2));
    expect((await intake.runOnce(tenantId)).raised).toBe(1);
    const rows = await sql<{ source_id: string; queue: string; reference: string }>(
      tenantId,
      `SELECT a.source_id, q.name AS queue, a.reference FROM case_alerts a JOIN case_queues q ON q.id = a.queue_id
        ORDER BY a.reference`,
    );
    expect(rows.map((r) => r.source_id).sort()).toEqual([...sources, late].sort());
    expect(rows.map((r) => r.reference)).toEqual(['ALR-000001', 'ALR-000002', 'ALR-000003']);
    expect(new Set(rows.map((r) => r.queue))).toEqual(new Set(['Transaction alerts']));

    // Closed on the monitoring side (as MonitoringAlertFeed.recordDisposition does): the next pass closes the queue
    // alert with the source's outcome.
    await sql(
      tenantId,
      `UPDATE monitoring_alerts SET status = 'closed', disposition = 'true_positive', disposed_at = now() WHERE id = $1`,
      [late],
    );
    expect((await intake.runOnce(tenantId)).closedFromSource).toBe(1);
    const [closed] = await sql<{ status: string; disposition: string }>(
      tenantId,
      `SELECT status, disposition FROM case_alerts WHERE source_id = $1`,
      [late],
    );
    expect(closed).toEqual({ status: 'closed', disposition: 'true_positive' });
  });

  it('takes in every row of a source even when more than a batch of them were created in the same instant', async () => {
    const tenantId = await newTenant();
    const createdAt = new Date(Date.now() - 1_000);
    // One decision transaction's alerts share its now(): 450 rows of one instant (more than two intake batches).
    await sql(
      tenantId,
      `WITH t AS (
         INSERT INTO monitoring_transactions (tenant_id, external_id, customer_id, account_id, customer_record_id,
           direction, channel, amount_minor, currency, amount_base, booked_at, counterparty, counterparty_key, metadata,
           features, decision, score, model_score, reasons, fired_rules, contributions, shadow_scores, created_at)
         SELECT $1, 'bulk-' || n, 'c-1', 'a-1', 'c-1', 'out', 'wire', 980000, 'USD', 9800, now(), '{"name":"Acme"}',
           'name:acme', '{}', '{}', 'review', 0.6, 0.2, '[]', '[]', '[]', '[]', $2
           FROM generate_series(1, 450) n RETURNING id)
       INSERT INTO monitoring_alerts (tenant_id, transaction_id, decision, score, reasons, created_at)
       SELECT $1, t.id, 'review', 0.6, '[]', $2 FROM t`,
      [tenantId, createdAt],
    );
    expect((await intake.runOnce(tenantId)).raised).toBe(450);
    expect((await intake.runOnce(tenantId)).raised).toBe(0);
  });

  /** An open screening hit of a customer against a list (as the screener records it). */
  async function screeningHit(tenantId: string, listSource: string, score: number): Promise<string> {
    const customerId = randomUUID();
    const [subject] = await sql<{ id: string }>(
      tenantId,
      `INSERT INTO screening_subjects (tenant_id, kind, subject_id, customer_id, snapshot, snapshot_hash, last_screened_at)
       VALUES ($1, 'customer', $2, $2, $3, repeat('a', 64), now()) RETURNING id`,
      [
        tenantId,
        customerId,
        JSON.stringify({ kind: 'customer', subjectId: customerId, name: 'Ivan Petrov', entityType: 'individual' }),
      ],
    );
    const [hit] = await sql<{ id: string }>(
      tenantId,
      `INSERT INTO screening_hits (tenant_id, subject_ref, subject_kind, subject_id, customer_id, subject_hash, list_id,
         list_source, version_id, entry_external_id, entry_name, entry_hash, matched_name, score, explanation)
       VALUES ($1, $2, 'customer', $3, $3, repeat('a', 64), $4, $5, $6, 'SDN-1', 'PETROV, Ivan', repeat('b', 64),
         'Ivan Petrov', $7, '{"summary":[],"details":{}}') RETURNING id`,
      [tenantId, subject.id, customerId, randomUUID(), listSource, randomUUID(), score],
    );
    return hit.id;
  }

  it('queues screening hits by list and score, and writes dispositions back as adjudications', async () => {
    const tenantId = await newTenant();
    const sanctions = await screeningHit(tenantId, 'ofac_sdn', 0.97);
    const decidedElsewhere = await screeningHit(tenantId, 'pep', 0.9);
    expect((await intake.runOnce(tenantId)).raised).toBe(2);
    const alerts = await sql<{ id: string; source_id: string; priority: string; queue: string; subject_label: string }>(
      tenantId,
      `SELECT a.id, a.source_id, a.priority, q.name AS queue, a.subject_label
         FROM case_alerts a JOIN case_queues q ON q.id = a.queue_id ORDER BY a.priority_rank`,
    );
    expect(alerts.map((a) => [a.source_id, a.priority, a.queue, a.subject_label])).toEqual([
      [sanctions, 'critical', 'Sanctions and PEP hits', 'Ivan Petrov'],
      [decidedElsewhere, 'medium', 'Sanctions and PEP hits', 'Ivan Petrov'],
    ]);

    const analyst = { userId: randomUUID(), officer: false };
    await workflow.claim(tenantId, analyst, alerts[0].id);
    await workflow.dispose(tenantId, analyst, alerts[0].id, {
      disposition: 'true_positive',
      reasonCode: 'tp_sanctions_match',
      note: 'Same date of birth',
    });
    const [hit] = await sql<{ status: string; adjudicated_by: string }>(
      tenantId,
      `SELECT status, adjudicated_by FROM screening_hits WHERE id = $1`,
      [sanctions],
    );
    expect(hit).toEqual({ status: 'true_match', adjudicated_by: `user:${analyst.userId}` });

    // Adjudicated on the screening page: the next pass closes the alert with that outcome.
    await sql(
      tenantId,
      `UPDATE screening_hits SET status = 'false_positive', adjudicated_by = 'user:someone', adjudicated_at = now()
        WHERE id = $1`,
      [decidedElsewhere],
    );
    expect((await intake.runOnce(tenantId)).closedFromSource).toBe(1);
    const [closed] = await sql<{ status: string; disposition: string }>(
      tenantId,
      `SELECT status, disposition FROM case_alerts WHERE id = $1`,
      [alerts[1].id],
    );
    expect(closed).toEqual({ status: 'closed', disposition: 'false_positive' });
  });

  it('closes a KYC review alert once the review is completed on the customer page, with its outcome', async () => {
    const tenantId = await newTenant();
    const [customer] = await sql<{ id: string }>(
      tenantId,
      `INSERT INTO customers (tenant_id, type, full_name, aliases, nationalities, addresses, identifiers)
       VALUES ($1, 'individual', 'Rita Review', '[]', '[]', '[]', '[]') RETURNING id`,
      [tenantId],
    );
    const [review] = await sql<{ id: string }>(
      tenantId,
      `INSERT INTO customer_reviews (tenant_id, customer_id, reason, due_at) VALUES ($1, $2, 'periodic', now())
       RETURNING id`,
      [tenantId, customer.id],
    );
    expect((await intake.runOnce(tenantId)).raised).toBe(1);
    expect((await intake.runOnce(tenantId)).closedFromSource).toBe(0);

    // Completed as CustomerReviewRepository does: the next pass closes the alert, once.
    await sql(
      tenantId,
      `UPDATE customer_reviews SET status = 'done', outcome = 'approved', completed_at = now() WHERE id = $1`,
      [review.id],
    );
    expect((await intake.runOnce(tenantId)).closedFromSource).toBe(1);
    expect((await intake.runOnce(tenantId)).closedFromSource).toBe(0);
    const [alert] = await sql<{ status: string; disposition: string | null }>(
      tenantId,
      `SELECT status, disposition FROM case_alerts WHERE type = 'kyc_review' AND source_id = $1`,
      [review.id],
    );
    expect(alert).toEqual({ status: 'closed', disposition: null });
    const [event] = await sql<{ details: { outcome: string } }>(
      tenantId,
      `SELECT e.details FROM case_alert_events e JOIN case_alerts a ON a.id = e.alert_id
        WHERE a.source_id = $1 AND e.action = 'closed_from_source'`,
      [review.id],
    );
    expect(event.details.outcome).toBe('approved');
  });

  it('escalates alerts into a case in the caller’s transaction, refusing one someone else holds', async () => {
    const tenantId = await newTenant();
    await monitoringAlert(tenantId, new Date());
    await intake.runOnce(tenantId);
    const [transactionAlert] = await sql<{ id: string; source_id: string }>(
      tenantId,
      `SELECT id, source_id FROM case_alerts`,
    );
    const [held] = await raiseAlerts(tenantId, 1);
    const officer = { type: 'user' as const, id: randomUUID() };
    await workflow.claim(tenantId, { userId: randomUUID(), officer: false }, held);
    const caseId = randomUUID();
    await expect(
      transactions.run((tx) => workflow.escalateInTx(tx, tenantId, officer, [transactionAlert.id, held], caseId), {
        tenantId,
      }),
    ).rejects.toMatchObject({ code: 'cases/alert_not_workable' });

    await transactions.run((tx) => workflow.escalateInTx(tx, tenantId, officer, [transactionAlert.id], caseId), {
      tenantId,
    });
    const [escalated] = await sql<Record<string, string>>(
      tenantId,
      `SELECT status, case_id, disposition, reason_code FROM case_alerts WHERE id = $1`,
      [transactionAlert.id],
    );
    expect(escalated).toEqual({
      status: 'escalated',
      case_id: caseId,
      disposition: 'true_positive',
      reason_code: 'escalated_to_case',
    });
    const [source] = await sql<{ status: string; disposition: string }>(
      tenantId,
      `SELECT status, disposition FROM monitoring_alerts WHERE id = $1`,
      [transactionAlert.source_id],
    );
    expect(source).toEqual({ status: 'closed', disposition: 'true_positive' });
  });

  it('lets exactly one of two analysts claiming the same alert at once win', async () => {
    const tenantId = await newTenant();
    const alertIds = await raiseAlerts(tenantId, 5);
    for (const alertId of alertIds) {
      const [ann, bob] = [randomUUID(), randomUUID()];
      const outcomes = await Promise.allSettled([
        workflow.claim(tenantId, { userId: ann, officer: false }, alertId),
        workflow.claim(tenantId, { userId: bob, officer: false }, alertId),
      ]);
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect((lost[0].reason as { code: string }).code).toBe('cases/alert_already_claimed');
      const [row] = await sql<{ assignee_id: string; claims: number }>(
        tenantId,
        `SELECT assignee_id, (SELECT count(*)::int FROM case_alert_events e WHERE e.alert_id = a.id AND e.action = 'claimed') AS claims
           FROM case_alerts a WHERE id = $1`,
        [alertId],
      );
      expect([ann, bob]).toContain(row.assignee_id);
      expect(row.claims).toBe(1);
    }
  });

  it('escalates each breached alert once even when the SLA job crashes midway and runs again', async () => {
    const tenantId = await newTenant();
    const alertIds = await raiseAlerts(tenantId, 5);
    await sql(tenantId, `UPDATE case_alerts SET sla_due_at = now() - interval '1 minute'`);
    let batches = 0;
    await expect(
      workflow.escalateBreaches(tenantId, {
        batchSize: 2,
        afterBatch: () => {
          batches += 1;
          throw new Error('worker crashed');
        },
      }),
    ).rejects.toThrow('worker crashed');
    expect(batches).toBe(1);
    const [midway] = await sql<{ n: number }>(
      tenantId,
      `SELECT count(*)::int AS n FROM case_alerts WHERE sla_breached_at IS NOT NULL`,
    );
    expect(midway.n).toBe(2);

    expect(await workflow.escalateBreaches(tenantId, { batchSize: 2 })).toBe(3);
    expect(await workflow.escalateBreaches(tenantId, { batchSize: 2 })).toBe(0);
    const rows = await sql<{ escalation_level: number; priority: string; events: number }>(
      tenantId,
      `SELECT escalation_level, priority,
              (SELECT count(*)::int FROM case_alert_events e WHERE e.alert_id = a.id AND e.action = 'sla_breached') AS events
         FROM case_alerts a WHERE id = ANY($1::uuid[])`,
      [alertIds],
    );
    expect(rows).toHaveLength(5);
    for (const row of rows) expect(row).toEqual({ escalation_level: 1, priority: 'high', events: 1 });
    const [audited] = await sql<{ n: number }>(
      tenantId,
      `SELECT count(*)::int AS n FROM audit_entries WHERE action = 'cases.alert.sla_breached'`,
    );
    expect(audited.n).toBe(5);
  });

  it('releases claims left idle longer than the queue allows, and keeps active ones', async () => {
    const tenantId = await newTenant();
    const [idle, active] = await raiseAlerts(tenantId, 2);
    const analyst = { userId: randomUUID(), officer: false };
    await workflow.claim(tenantId, analyst, idle);
    await workflow.claim(tenantId, analyst, active);
    // The default queues allow CASES_IDLE_CLAIM_MINUTES (30) without activity.
    await sql(tenantId, `UPDATE case_alerts SET last_activity_at = now() - interval '31 minutes' WHERE id = $1`, [
      idle,
    ]);
    expect(await workflow.releaseIdle(tenantId)).toBe(1);
    const rows = await sql<{ id: string; status: string; assignee_id: string | null }>(
      tenantId,
      `SELECT id, status, assignee_id FROM case_alerts ORDER BY reference`,
    );
    expect(rows).toEqual([
      { id: idle, status: 'open', assignee_id: null },
      { id: active, status: 'claimed', assignee_id: analyst.userId },
    ]);
    expect(await workflow.releaseIdle(tenantId)).toBe(0);
  });
});
