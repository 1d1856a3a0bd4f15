import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { AlertPriority, AlertSegment, AlertType } from '../alert/alert.types.js';

export const QUEUE_ASSIGNMENTS = ['manual', 'round_robin', 'least_loaded'] as const;
export type QueueAssignment = (typeof QUEUE_ASSIGNMENTS)[number];

/** Which alerts a queue takes; every given criterion must match. A queue with none is the catch-all. */
export interface QueueRouting {
  types?: AlertType[];
  /** The least urgent priority the queue takes (`high` takes critical and high). */
  minPriority?: AlertPriority;
  segments?: AlertSegment[];
}

export type QueueSlaMinutes = Record<AlertPriority, number>;

/** An analysts' work queue: routing order, routing criteria, auto-assignment and SLAs per priority. */
@Entity({ name: 'case_queues' })
@Check('CHK_case_queues_assignment', `"assignment" IN ('manual', 'round_robin', 'least_loaded')`)
@Index('case_queues_tenant_name', ['tenantId', 'name'], { unique: true })
@Index('case_queues_tenant_position', ['tenantId', 'position'])
export class CaseQueueEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** Routing order: a new alert goes to the first matching queue by ascending position. */
  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'jsonb' })
  routing: QueueRouting;

  @Column({ type: 'text' })
  assignment: QueueAssignment;

  /** The users auto-assignment may pick (each holds `alerts:work`). */
  @Column({ name: 'member_ids', type: 'uuid', array: true, default: () => `'{}'` })
  memberIds: string[];

  @Column({ name: 'sla_minutes', type: 'jsonb' })
  slaMinutes: QueueSlaMinutes;

  /** A claim without activity for this long is released by the SLA job. */
  @Column({ name: 'idle_claim_minutes', type: 'int' })
  idleClaimMinutes: number;

  /** Round-robin position: the next pick is member_ids[rr_cursor mod the member count]. */
  @Column({ name: 'rr_cursor', type: 'int', default: 0 })
  rrCursor: number;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
