import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A file attached to a case: its bytes, the media type decided from them, and their SHA-256. Never edited. */
@Entity({ name: 'case_attachments' })
@Check('CHK_case_attachments_sha256', `"sha256" ~ '^[0-9a-f]{64}$'`)
@Index('case_attachments_case_created', ['caseId', 'createdAt'])
export class CaseAttachmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ name: 'file_name', type: 'text' })
  fileName: string;

  @Column({ name: 'media_type', type: 'text' })
  mediaType: string;

  @Column({ name: 'size_bytes', type: 'integer' })
  sizeBytes: number;

  @Column({ type: 'text' })
  sha256: string;

  /** Loaded only by the download (`select: false`), never by listings. */
  @Column({ type: 'bytea', select: false })
  content: Buffer;

  @Column({ name: 'uploaded_by', type: 'uuid' })
  uploadedBy: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
