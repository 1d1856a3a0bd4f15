import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const WEBHOOK_ENDPOINT_STATUSES = ['active', 'disabled'] as const;
export type WebhookEndpointStatus = (typeof WEBHOOK_ENDPOINT_STATUSES)[number];

/**
 * Where a tenant wants its events POSTed. The signing secret is kept as issued (`whsec_…`): HMAC signing needs the
 * secret itself, so it cannot be stored as a hash; row-level security keeps it to its tenant and the API never
 * returns it after creation or rotation.
 */
@Entity({ name: 'webhook_endpoints' })
@Check('CHK_webhook_endpoints_status', `"status" IN ('active', 'disabled')`)
@Index('webhook_endpoints_tenant_created', ['tenantId', 'createdAt'])
export class WebhookEndpointEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ type: 'text' })
  url: string;

  @Column({ type: 'text', default: '' })
  description: string;

  /** The event types sent to this endpoint; empty: every type. */
  @Column({ name: 'event_types', type: 'text', array: true, default: () => "'{}'" })
  eventTypes: string[];

  @Column({ type: 'text', default: 'active' })
  status: WebhookEndpointStatus;

  /** `whsec_` + base64 of 32 random bytes. */
  @Column({ type: 'text' })
  secret: string;

  /** The secret before the last rotation: it keeps signing (a second signature) until `previousSecretExpiresAt`. */
  @Column({ name: 'previous_secret', type: 'text', nullable: true })
  previousSecret: string | null;

  @Column({ name: 'previous_secret_expires_at', type: 'timestamptz', nullable: true })
  previousSecretExpiresAt: Date | null;

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt: Date | null;
}
