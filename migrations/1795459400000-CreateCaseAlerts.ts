import type { MigrationInterface, QueryRunner } from 'typeorm';

const APP_ROLE = 'verity_app';

/**
 * The analysts' alert queues: queues with routing and SLAs, alerts raised from monitoring alerts, screening hits and
 * KYC reviews, each alert's timeline, and the intake's per-source read cursors. Tenant-scoped with row-level security
 * like every other such table; alerts and their events are never deleted (they are the dispositions' record).
 */
export class CreateCaseAlerts1795459400000 implements MigrationInterface {
  name = 'CreateCaseAlerts1795459400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "case_queues" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "name" text NOT NULL, "description" text, "position" integer NOT NULL, "routing" jsonb NOT NULL, "assignment" text NOT NULL, "member_ids" uuid array NOT NULL DEFAULT '{}', "sla_minutes" jsonb NOT NULL, "idle_claim_minutes" integer NOT NULL, "rr_cursor" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_case_queues_assignment" CHECK ("assignment" IN ('manual', 'round_robin', 'least_loaded')), CONSTRAINT "PK_a221efe8fee5e262106eed3cb0a" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "case_queues_tenant_position" ON "case_queues"  ("tenant_id", "position") `);
    await q.query(`CREATE UNIQUE INDEX "case_queues_tenant_name" ON "case_queues"  ("tenant_id", "name") `);

    await q.query(
      `CREATE TABLE "case_alerts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "reference" text NOT NULL, "type" text NOT NULL, "source_id" text NOT NULL, "subject_type" text NOT NULL, "subject_id" text NOT NULL, "subject_label" text NOT NULL, "customer_id" text, "transaction_id" uuid, "title" text NOT NULL, "priority" text NOT NULL, "priority_rank" smallint NOT NULL, "score" double precision, "details" jsonb NOT NULL, "queue_id" uuid NOT NULL, "status" text NOT NULL DEFAULT 'open', "assignee_id" uuid, "claimed_at" TIMESTAMP WITH TIME ZONE, "last_activity_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sla_due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "sla_breached_at" TIMESTAMP WITH TIME ZONE, "escalation_level" integer NOT NULL DEFAULT '0', "disposition" text, "reason_code" text, "disposition_note" text, "disposed_by" uuid, "disposed_at" TIMESTAMP WITH TIME ZONE, "case_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_case_alerts_disposition" CHECK ("disposition" IS NULL OR "disposition" IN ('true_positive', 'false_positive')), CONSTRAINT "CHK_case_alerts_status" CHECK ("status" IN ('open', 'claimed', 'closed', 'escalated')), CONSTRAINT "CHK_case_alerts_priority" CHECK ("priority" IN ('critical', 'high', 'medium', 'low')), CONSTRAINT "CHK_case_alerts_subject_type" CHECK ("subject_type" IN ('customer', 'counterparty', 'account', 'case')), CONSTRAINT "CHK_case_alerts_type" CHECK ("type" IN ('transaction', 'screening_hit', 'kyc_review', 'case_deadline')), CONSTRAINT "PK_d673be30a7632bcf9551af5ead2" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "case_alerts_tenant_customer" ON "case_alerts"  ("tenant_id", "customer_id") `);
    await q.query(
      `CREATE INDEX "case_alerts_tenant_subject" ON "case_alerts"  ("tenant_id", "subject_type", "subject_id") `,
    );
    await q.query(
      `CREATE INDEX "case_alerts_tenant_assignee" ON "case_alerts"  ("tenant_id", "assignee_id", "status") `,
    );
    await q.query(
      `CREATE INDEX "case_alerts_tenant_status_due" ON "case_alerts"  ("tenant_id", "status", "sla_due_at") `,
    );
    // The queue listing and claim-next: one queue's open alerts, most urgent first, then earliest due.
    await q.query(
      `CREATE INDEX "case_alerts_queue_listing" ON "case_alerts"  ("tenant_id", "queue_id", "status", "priority_rank", "sla_due_at") `,
    );
    // One alert per source item: intake inserts with ON CONFLICT DO NOTHING on it.
    await q.query(
      `CREATE UNIQUE INDEX "case_alerts_tenant_source" ON "case_alerts"  ("tenant_id", "type", "source_id") `,
    );
    await q.query(`CREATE UNIQUE INDEX "case_alerts_tenant_reference" ON "case_alerts"  ("tenant_id", "reference") `);

    await q.query(
      `CREATE TABLE "case_alert_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "alert_id" uuid NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor" text NOT NULL, "action" text NOT NULL, "details" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "PK_7decff0c6e3c0366d9db1ec078c" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "case_alert_events_alert_at" ON "case_alert_events"  ("tenant_id", "alert_id", "at") `);

    await q.query(
      `CREATE TABLE "case_alert_intake_cursors" ("tenant_id" uuid NOT NULL, "source" text NOT NULL, "read_until" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8611fea43dc264af8378d5474be" PRIMARY KEY ("tenant_id", "source"))`,
    );

    await q.query(
      `ALTER TABLE "case_alerts" ADD CONSTRAINT "fk_case_alerts_queue" FOREIGN KEY ("queue_id") REFERENCES "case_queues"("id")`,
    );
    await q.query(
      `ALTER TABLE "case_alert_events" ADD CONSTRAINT "fk_case_alert_events_alert" FOREIGN KEY ("alert_id") REFERENCES "case_alerts"("id")`,
    );
    const rule = 'tenant_id = verity_current_tenant()';
    for (const table of ['case_queues', 'case_alerts', 'case_alert_events', 'case_alert_intake_cursors']) {
      await q.query(
        `ALTER TABLE "${table}" ADD CONSTRAINT "fk_${table}_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id")`,
      );
      await q.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE "${table}" FORCE ROW LEVEL SECURITY`);
      await q.query(`CREATE POLICY tenant_isolation ON "${table}" USING (${rule}) WITH CHECK (${rule})`);
      await q.query(
        `CREATE POLICY definer_read ON "${table}" FOR SELECT TO CURRENT_USER USING (session_user <> current_user)`,
      );
    }
    await q.query(`REVOKE DELETE ON "case_alerts" FROM ${APP_ROLE}`);
    await q.query(`REVOKE DELETE ON "case_alert_events" FROM ${APP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "case_alert_intake_cursors"`);
    await q.query(`DROP TABLE "case_alert_events"`);
    await q.query(`DROP TABLE "case_alerts"`);
    await q.query(`DROP TABLE "case_queues"`);
  }
}
