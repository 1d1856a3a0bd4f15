import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ReportFormat } from '../document/report.document.js';

/** One generated file of an approved report (written once; its SHA-256 is in the audit ledger). */
@Entity({ name: 'report_artifacts' })
@Index('report_artifacts_report_format', ['reportId', 'format'], { unique: true })
export class ReportArtifactEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ name: 'report_id', type: 'uuid' })
  reportId: string;

  @Column({ type: 'text' })
  format: ReportFormat;

  @Column({ name: 'file_name', type: 'text' })
  fileName: string;

  @Column({ name: 'media_type', type: 'text' })
  mediaType: string;

  /** Lowercase hex. */
  @Column({ type: 'text' })
  sha256: string;

  @Column({ type: 'bytea' })
  bytes: Buffer;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
