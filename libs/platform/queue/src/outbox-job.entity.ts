import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A job written in the same transaction as the state change that caused it. The relay delivers it to BullMQ at least
 * once; PostgreSQL stays the record, the queue backend only delivers.
 */
@Entity({ name: 'outbox_jobs' })
@Index('outbox_jobs_pending', ['id'], { where: 'delivered_at IS NULL' })
export class OutboxJobEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ type: 'text' })
  queue: string;

  @Column({ name: 'job_name', type: 'text' })
  jobName: string;

  @Column({ type: 'jsonb' })
  payload: unknown;

  /** BullMQ job id: redelivery of the same row is deduplicated by the backend. */
  @Column({ name: 'job_id', type: 'text' })
  jobId: string;

  @Column({ name: 'delay_ms', type: 'integer', default: 0 })
  delayMs: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;
}
