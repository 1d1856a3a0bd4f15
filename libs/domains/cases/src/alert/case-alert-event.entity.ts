import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One step of an alert's timeline (raised, assigned, claimed, released, escalated, disposed, closed from source). */
@Entity({ name: 'case_alert_events' })
@Index('case_alert_events_alert_at', ['tenantId', 'alertId', 'at'])
export class CaseAlertEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ name: 'alert_id', type: 'uuid' })
  alertId: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  /** `user:<id>` or `system:<component>`. */
  @Column({ type: 'text' })
  actor: string;

  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  details: Record<string, unknown>;
}
