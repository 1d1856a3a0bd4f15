import { Injectable } from '@nestjs/common';
import { preparedQuery, type Tx } from '@platform/database';
import { WebhookEndpointEntity } from './webhook-endpoint.entity.js';

export type NewWebhookEndpoint = Pick<
  WebhookEndpointEntity,
  'tenantId' | 'url' | 'description' | 'eventTypes' | 'secret' | 'createdBy'
>;

/** Every method takes the transaction and the tenant. */
@Injectable()
export class WebhookEndpointRepository {
  insert(tx: Tx, endpoint: NewWebhookEndpoint): Promise<WebhookEndpointEntity> {
    return tx.save(tx.create(WebhookEndpointEntity, { ...endpoint, status: 'active' }));
  }

  findById(tx: Tx, tenantId: string, id: string): Promise<WebhookEndpointEntity | null> {
    return tx.findOneBy(WebhookEndpointEntity, { tenantId, id });
  }

  /** The endpoint, locked until the transaction ends (disable and rotate are serialised). */
  findByIdForUpdate(tx: Tx, tenantId: string, id: string): Promise<WebhookEndpointEntity | null> {
    return tx
      .createQueryBuilder(WebhookEndpointEntity, 'e')
      .setLock('pessimistic_write')
      .where('e.tenantId = :tenantId AND e.id = :id', { tenantId, id })
      .getOne();
  }

  /** The tenant's endpoints, newest first. */
  list(tx: Tx, tenantId: string): Promise<WebhookEndpointEntity[]> {
    return tx.find(WebhookEndpointEntity, { where: { tenantId }, order: { createdAt: 'DESC', id: 'DESC' } });
  }

  /** The active endpoints that take events of `type` (those listing it, and those listing none: every type). */
  /**
   * The ids of the tenant's active endpoints subscribed to `type` (all types when their list is empty), oldest first.
   * Prepared: every review or block decision publishes an event.
   */
  findSubscribed(tx: Tx, tenantId: string, type: string): Promise<{ id: string }[]> {
    return preparedQuery<{ id: string }>(
      tx,
      'verity_webhook_endpoints_subscribed',
      `SELECT id FROM webhook_endpoints
        WHERE tenant_id = $1 AND status = 'active' AND (cardinality(event_types) = 0 OR $2 = ANY(event_types))
        ORDER BY created_at`,
      [tenantId, type],
    );
  }

  async disable(tx: Tx, tenantId: string, id: string): Promise<void> {
    await tx.update(
      WebhookEndpointEntity,
      { tenantId, id },
      { status: 'disabled', disabledAt: () => 'now()', previousSecret: null, previousSecretExpiresAt: null },
    );
  }

  async rotateSecret(
    tx: Tx,
    tenantId: string,
    id: string,
    rotation: { secret: string; previousSecret: string; previousSecretExpiresAt: Date },
  ): Promise<void> {
    await tx.update(WebhookEndpointEntity, { tenantId, id }, rotation);
  }
}
