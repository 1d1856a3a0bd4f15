import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The transactional outbox: jobs committed with the state change that caused them, relayed to BullMQ. */
export class CreateOutboxJobs1795458678955 implements MigrationInterface {
  name = 'CreateOutboxJobs1795458678955';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "outbox_jobs" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "queue" text NOT NULL, "job_name" text NOT NULL, "payload" jsonb NOT NULL, "job_id" text NOT NULL, "delay_ms" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "delivered_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_eca0e49b45a0974cb16b7d2e498" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "outbox_jobs_pending" ON "outbox_jobs" ("id") WHERE delivered_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "outbox_jobs"`);
  }
}
