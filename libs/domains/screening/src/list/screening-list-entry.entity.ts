import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ListEntryRecord } from '../lists/list-entry.js';

/** One entry of one list version, as the parser produced it, with the SHA-256 of its canonical JSON. */
@Entity({ name: 'screening_list_entries' })
@Index('screening_list_entries_version_external', ['versionId', 'externalId'], { unique: true })
export class ScreeningListEntryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ name: 'version_id', type: 'uuid' })
  versionId: string;

  @Column({ name: 'external_id', type: 'text' })
  externalId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'jsonb' })
  record: ListEntryRecord;

  @Column({ name: 'content_hash', type: 'text' })
  contentHash: string;
}
