import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One event published to a tenant's webhooks; its id is the `webhook-id` header of every delivery of it. */
@Entity({ name: 'webhook_messages' })
@Index('webhook_messages_tenant_timestamp', ['tenantId', 'timestamp'])
export class WebhookMessageEntity {
  /** `msg_` + 22 base64url characters (128 random bits). */
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  /** The event type, e.g. `transaction.review`. */
  @Column({ type: 'text' })
  type: string;

  /** The event's `data`. */
  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  /** When the event happened (published): the `timestamp` of the body, the same for every attempt. */
  @Column({ type: 'timestamptz' })
  timestamp: Date;
}
