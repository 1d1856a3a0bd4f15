import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { RiskMatrixDefinition } from './risk-matrix.definition.js';

export const RISK_MATRIX_STATUSES = ['draft', 'active', 'retired'] as const;
export type RiskMatrixStatus = (typeof RISK_MATRIX_STATUSES)[number];

/**
 * A version of a tenant's risk scoring matrix. At most one draft (edited, then submitted for four-eyes approval) and
 * one active version per tenant; approving the draft makes it active and retires the previous one.
 */
@Entity({ name: 'risk_matrices' })
@Check('CHK_risk_matrices_status', `"status" IN ('draft', 'active', 'retired')`)
@Index('risk_matrices_tenant_version', ['tenantId', 'version'], { unique: true })
@Index('risk_matrices_one_active', ['tenantId'], { unique: true, where: `"status" = 'active'` })
@Index('risk_matrices_one_draft', ['tenantId'], { unique: true, where: `"status" = 'draft'` })
export class RiskMatrixEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'text' })
  status: RiskMatrixStatus;

  @Column({ type: 'jsonb' })
  definition: RiskMatrixDefinition;

  /** Who drafted it; null for the seeded default. */
  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;

  @Column({ name: 'activated_at', type: 'timestamptz', nullable: true })
  activatedAt: Date | null;

  @Column({ name: 'approved_by', type: 'uuid', nullable: true })
  approvedBy: string | null;

  @Column({ name: 'approval_request_id', type: 'uuid', nullable: true })
  approvalRequestId: string | null;
}
