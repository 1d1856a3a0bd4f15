import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { RuleSetDocument } from '../rules/rule-set.document.js';

export const RULE_SET_STATUSES = ['draft', 'pending_approval', 'published', 'retired'] as const;
export type RuleSetStatus = (typeof RULE_SET_STATUSES)[number];

/**
 * One version of a tenant's monitoring rule set. Authors edit drafts; a submitted draft waits for a second person's
 * approval (four-eyes) and then becomes the one published version, retiring the previous one. Versions are numbered
 * per tenant; `document` is the RuleSetDocument exactly as validated on save.
 */
@Entity({ name: 'monitoring_rule_sets' })
@Check('CHK_monitoring_rule_sets_status', `"status" IN ('draft', 'pending_approval', 'published', 'retired')`)
@Index('monitoring_rule_sets_tenant_version', ['tenantId', 'version'], { unique: true })
@Index('monitoring_rule_sets_one_published', ['tenantId'], { unique: true, where: `"status" = 'published'` })
export class RuleSetVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ type: 'text' })
  name: string;

  /** 1, 2, 3… per tenant, in order of creation. */
  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'text', default: 'draft' })
  status: RuleSetStatus;

  /** The RuleSetDocument (json-rules-engine rules and the decision thresholds). */
  @Column({ type: 'jsonb' })
  document: RuleSetDocument;

  /** Lowercase hex SHA-256 of the RFC 8785 canonical JSON of `document`. */
  @Column({ name: 'content_hash', type: 'text' })
  contentHash: string;

  /** The author; null when the system created it (the demo seed). */
  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;

  /** The open four-eyes request while pending approval, then the one that published it. */
  @Column({ name: 'approval_request_id', type: 'uuid', nullable: true })
  approvalRequestId: string | null;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ name: 'published_by', type: 'uuid', nullable: true })
  publishedBy: string | null;

  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt: Date | null;
}
