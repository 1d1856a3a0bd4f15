import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const LIST_DELTA_CHANGES = ['added', 'removed', 'changed'] as const;
export type ListDeltaChange = (typeof LIST_DELTA_CHANGES)[number];

/** What one version changed against the version active before it, entry by entry (by external id). */
@Entity({ name: 'screening_list_deltas' })
@Check('CHK_screening_list_deltas_change', `"change" IN ('added', 'removed', 'changed')`)
@Index('screening_list_deltas_version', ['versionId', 'change', 'externalId'], { unique: true })
export class ScreeningListDeltaEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ name: 'version_id', type: 'uuid' })
  versionId: string;

  @Column({ type: 'text' })
  change: ListDeltaChange;

  @Column({ name: 'external_id', type: 'text' })
  externalId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'previous_hash', type: 'text', nullable: true })
  previousHash: string | null;

  @Column({ name: 'content_hash', type: 'text', nullable: true })
  contentHash: string | null;
}
