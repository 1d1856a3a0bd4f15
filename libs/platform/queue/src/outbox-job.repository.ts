import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { OutboxJobEntity } from './outbox-job.entity.js';

export interface NewOutboxJob {
  readonly queue: string;
  readonly jobName: string;
  readonly payload: unknown;
  readonly jobId?: string;
  readonly delayMs?: number;
}

export interface PendingOutboxJob {
  readonly id: string;
  readonly queue: string;
  readonly jobName: string;
  readonly payload: unknown;
  readonly jobId: string;
  readonly delayMs: number;
}

@Injectable()
export class OutboxJobRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(tx: EntityManager, job: NewOutboxJob): Promise<void> {
    await tx.insert(OutboxJobEntity, {
      queue: job.queue,
      jobName: job.jobName,
      payload: job.payload as object,
      jobId: job.jobId ?? `outbox-${randomUUID()}`,
      delayMs: job.delayMs ?? 0,
    });
  }

  /**
   * Locks up to `limit` undelivered jobs, hands them to `deliver`, and marks them delivered when it resolves — all in
   * one transaction, so a crash before the commit leaves them undelivered. SKIP LOCKED lets several relays share the
   * work without waiting on each other.
   */
  async deliverPending(limit: number, deliver: (jobs: readonly PendingOutboxJob[]) => Promise<void>): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      const jobs = await this.claimPending(tx, limit);
      if (jobs.length === 0) return 0;
      await deliver(jobs);
      await this.markDelivered(
        tx,
        jobs.map((j) => j.id),
      );
      return jobs.length;
    });
  }

  private async claimPending(tx: EntityManager, limit: number): Promise<PendingOutboxJob[]> {
    const rows: { id: string; queue: string; job_name: string; payload: unknown; job_id: string; delay_ms: number }[] =
      await tx.query(
        `SELECT id, queue, job_name, payload, job_id, delay_ms FROM outbox_jobs
          WHERE delivered_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit],
      );
    return rows.map((r) => ({
      id: String(r.id),
      queue: r.queue,
      jobName: r.job_name,
      payload: r.payload,
      jobId: r.job_id,
      delayMs: r.delay_ms,
    }));
  }

  private async markDelivered(tx: EntityManager, ids: readonly string[]): Promise<void> {
    await tx.query('UPDATE outbox_jobs SET delivered_at = now() WHERE id = ANY($1::bigint[])', [ids]);
  }

  /** Removes delivered rows older than the retention; undelivered rows are never removed. */
  async pruneDelivered(olderThanHours: number): Promise<number> {
    const result: [unknown[], number] = await this.dataSource.query(
      `DELETE FROM outbox_jobs WHERE delivered_at < now() - make_interval(hours => $1)`,
      [olderThanHours],
    );
    return result[1];
  }

  async backlog(): Promise<{ pending: number; oldestPendingAgeSeconds: number }> {
    const [row]: { pending: string; age: number | null }[] = await this.dataSource.query(
      `SELECT count(*) AS pending, EXTRACT(EPOCH FROM now() - min(created_at))::float8 AS age
         FROM outbox_jobs WHERE delivered_at IS NULL`,
    );
    return { pending: Number(row?.pending ?? 0), oldestPendingAgeSeconds: Math.max(0, row?.age ?? 0) };
  }
}
