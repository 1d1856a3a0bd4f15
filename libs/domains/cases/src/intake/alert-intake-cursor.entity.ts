import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How far intake has read one source of one tenant (the next pass reads from here minus an overlap). */
@Entity({ name: 'case_alert_intake_cursors' })
export class AlertIntakeCursorEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  /** `monitoring`, `screening` or `kyc_review`. */
  @PrimaryColumn({ type: 'text' })
  source: string;

  /** The newest source created_at seen. */
  @Column({ name: 'read_until', type: 'timestamptz' })
  readUntil: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
