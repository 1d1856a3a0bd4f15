import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const MODEL_STATUSES = ['uploaded', 'shadow', 'champion', 'retired'] as const;
export type ModelStatus = (typeof MODEL_STATUSES)[number];

/** What inspectModel found in the ONNX file, kept for the registry's listing. */
export interface ModelInspection {
  readonly kind: 'tree_ensemble' | 'linear';
  readonly inputs: { name: string; shape: (number | string)[] }[];
  readonly outputs: { name: string }[];
  readonly featureNames: string[] | null;
}

/**
 * One uploaded ONNX scoring model of a tenant. Uploaded models can be run in shadow (scored and stored beside each
 * decision, never deciding) directly; becoming the champion (the model that decides) needs four-eyes approval, and
 * the previous champion then goes back to shadow or retires. At most one champion per tenant.
 */
@Entity({ name: 'monitoring_models' })
@Check('CHK_monitoring_models_status', `"status" IN ('uploaded', 'shadow', 'champion', 'retired')`)
@Check('CHK_monitoring_models_sha256', `"sha256" ~ '^[0-9a-f]{64}$'`)
@Index('monitoring_models_tenant_name_version', ['tenantId', 'name', 'version'], { unique: true })
@Index('monitoring_models_one_champion', ['tenantId'], { unique: true, where: `"status" = 'champion'` })
export class ModelVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ type: 'text' })
  name: string;

  /** 1, 2, 3… per tenant and name. */
  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'text', default: 'uploaded' })
  status: ModelStatus;

  /** The ONNX file as uploaded. */
  @Column({ type: 'bytea', select: false })
  bytes: Buffer;

  @Column({ name: 'size_bytes', type: 'integer' })
  sizeBytes: number;

  /** Lowercase hex SHA-256 of `bytes`. */
  @Column({ type: 'text' })
  sha256: string;

  @Column({ type: 'jsonb' })
  inspection: ModelInspection;

  /** The training evaluation shipped beside the model (metrics), when there was one. */
  @Column({ type: 'jsonb', nullable: true })
  evaluation: Record<string, unknown> | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'status_changed_at', type: 'timestamptz', default: () => 'now()' })
  statusChangedAt: Date;

  /** The open four-eyes request while a promotion to champion waits for approval. */
  @Column({ name: 'approval_request_id', type: 'uuid', nullable: true })
  approvalRequestId: string | null;
}
