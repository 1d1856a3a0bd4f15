import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const LIST_VERSION_STATUSES = ['importing', 'active', 'failed', 'superseded'] as const;
export type ListVersionStatus = (typeof LIST_VERSION_STATUSES)[number];

/** The files of one import, by name (`sdn`, `alt`, `add`, `comments`, `xml`, `list`), kept until the job has run. */
export type ListImportFiles = Record<string, string>;

/** One import of a list: its progress, outcome, entry and delta counts. */
@Entity({ name: 'screening_list_versions' })
@Check('CHK_screening_list_versions_status', `"status" IN ('importing', 'active', 'failed', 'superseded')`)
@Index('screening_list_versions_list_number', ['listId', 'number'], { unique: true })
@Index('screening_list_versions_tenant', ['tenantId', 'createdAt'])
export class ScreeningListVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ name: 'list_id', type: 'uuid' })
  listId: string;

  /** 1, 2, 3… per list. */
  @Column({ type: 'integer' })
  number: number;

  @Column({ type: 'text', default: 'importing' })
  status: ListVersionStatus;

  /** 0-100 while importing. */
  @Column({ type: 'integer', default: 0 })
  progress: number;

  /** What the import is doing (queued, parsing, storing, comparing, done). */
  @Column({ type: 'text', default: 'queued' })
  stage: string;

  /** `csv` or `json` for internal and PEP lists; null for the public lists. */
  @Column({ type: 'text', nullable: true })
  format: string | null;

  /** SHA-256 (hex) of each imported file, by file name. */
  @Column({ name: 'file_hashes', type: 'jsonb' })
  fileHashes: Record<string, string>;

  /** The uploaded files until the import job has run (then null). */
  @Column({ type: 'jsonb', nullable: true })
  files: ListImportFiles | null;

  @Column({ name: 'entry_count', type: 'integer', nullable: true })
  entryCount: number | null;

  @Column({ name: 'added_count', type: 'integer', nullable: true })
  addedCount: number | null;

  @Column({ name: 'removed_count', type: 'integer', nullable: true })
  removedCount: number | null;

  @Column({ name: 'changed_count', type: 'integer', nullable: true })
  changedCount: number | null;

  /** Why the import failed (e.g. the parser's message with its line). */
  @Column({ type: 'text', nullable: true })
  error: string | null;

  /** The version that was active when this one was compared with it (the delta's base). */
  @Column({ name: 'previous_version_id', type: 'uuid', nullable: true })
  previousVersionId: string | null;

  /** Who asked for the import: `user:<id>`, `key:<id>` or `system:<name>`. */
  @Column({ name: 'requested_by', type: 'text' })
  requestedBy: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @Column({ name: 'rescreen_status', type: 'text', nullable: true })
  rescreenStatus: string | null;

  /** 0-100 while the re-screening of subjects runs. */
  @Column({ name: 'rescreen_progress', type: 'integer', nullable: true })
  rescreenProgress: number | null;
}
