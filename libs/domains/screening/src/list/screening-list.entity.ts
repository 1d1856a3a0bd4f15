import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const LIST_SOURCES = ['ofac_sdn', 'un_consolidated', 'internal_watchlist', 'pep'] as const;
export type ListSource = (typeof LIST_SOURCES)[number];

/** One list a tenant screens against (one per source); its entries live in versions, one of which is active. */
@Entity({ name: 'screening_lists' })
@Check('CHK_screening_lists_source', `"source" IN ('ofac_sdn', 'un_consolidated', 'internal_watchlist', 'pep')`)
@Index('screening_lists_tenant_source', ['tenantId', 'source'], { unique: true })
export class ScreeningListEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ type: 'text' })
  source: ListSource;

  @Column({ type: 'text' })
  name: string;

  /** The version matched against; null until a first import succeeds. */
  @Column({ name: 'active_version_id', type: 'uuid', nullable: true })
  activeVersionId: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
