import { Injectable } from '@nestjs/common';
import { AuditLedger, type AuditActor } from '@domains/audit';
import { TransactionRunner } from '@platform/database';
import { WebhooksError } from '../webhooks.errors.js';
import { WebhookEndpointRepository } from './webhook-endpoint.repository.js';
import type { WebhookEndpointEntity, WebhookEndpointStatus } from './webhook-endpoint.entity.js';
import { assertWebhookEventType } from './webhook-event-type.policy.js';
import { generateWebhookSecret } from './webhook-secret.generator.js';
import { WebhookTargetPolicy } from './webhook-target.policy.js';

/** How long the secret replaced by a rotation keeps signing beside the new one. */
export const WEBHOOK_PREVIOUS_SECRET_HOURS = 24;

export const WEBHOOK_ENDPOINT_CREATED_ACTION = 'webhooks.endpoint.created';
export const WEBHOOK_ENDPOINT_DISABLED_ACTION = 'webhooks.endpoint.disabled';
export const WEBHOOK_ENDPOINT_SECRET_ROTATED_ACTION = 'webhooks.endpoint.secret_rotated';

/** An endpoint as callers see it: never its secrets. */
export interface WebhookEndpointView {
  readonly id: string;
  readonly url: string;
  readonly description: string;
  /** Empty: every event type. */
  readonly eventTypes: readonly string[];
  readonly status: WebhookEndpointStatus;
  readonly createdAt: Date;
  readonly disabledAt: Date | null;
  /** Until when the secret replaced by the last rotation still signs; null when it no longer does. */
  readonly previousSecretExpiresAt: Date | null;
}

/** An endpoint with its current signing secret: returned once, by create and rotate. */
export interface WebhookEndpointWithSecret {
  readonly endpoint: WebhookEndpointView;
  readonly secret: string;
}

export interface NewWebhookEndpointInput {
  readonly url: string;
  /** Omitted or empty: every event type. */
  readonly eventTypes?: readonly string[];
  readonly description?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A tenant's webhook endpoints: create (the secret is shown once), list, disable, rotate the secret; all audited. */
@Injectable()
export class WebhookEndpointService {
  constructor(
    private readonly endpoints: WebhookEndpointRepository,
    private readonly target: WebhookTargetPolicy,
    private readonly ledger: AuditLedger,
    private readonly transactions: TransactionRunner,
  ) {}

  async create(
    tenantId: string,
    actor: AuditActor,
    input: NewWebhookEndpointInput,
  ): Promise<WebhookEndpointWithSecret> {
    const url = (await this.target.check(input.url)).toString();
    const eventTypes = [...new Set(input.eventTypes ?? [])].sort();
    eventTypes.forEach(assertWebhookEventType);
    const description = input.description?.trim() ?? '';
    const secret = generateWebhookSecret();
    return this.transactions.run(
      async (tx) => {
        const endpoint = await this.endpoints.insert(tx, {
          tenantId,
          url,
          description,
          eventTypes,
          secret,
          createdBy: `${actor.type}:${actor.id}`,
        });
        await this.ledger.record(tx, {
          tenantId,
          actor,
          action: WEBHOOK_ENDPOINT_CREATED_ACTION,
          subject: { type: 'webhook_endpoint', id: endpoint.id },
          payload: { url, eventTypes, description },
        });
        return { endpoint: viewOf(endpoint), secret };
      },
      { tenantId },
    );
  }

  /** The tenant's endpoints, newest first. */
  list(tenantId: string): Promise<WebhookEndpointView[]> {
    return this.transactions.run(async (tx) => (await this.endpoints.list(tx, tenantId)).map(viewOf), { tenantId });
  }

  /** The endpoint, which another tenant's id does not find. */
  async get(tenantId: string, id: string): Promise<WebhookEndpointView> {
    const found = UUID.test(id)
      ? await this.transactions.run((tx) => this.endpoints.findById(tx, tenantId, id), { tenantId })
      : null;
    if (!found) throw notFound(id);
    return viewOf(found);
  }

  /**
   * Stops sending to the endpoint: nothing new is queued for it, and its pending deliveries fail at their next
   * attempt. Disabling a disabled endpoint changes nothing (and records nothing).
   */
  async disable(tenantId: string, actor: AuditActor, id: string): Promise<WebhookEndpointView> {
    return this.transactions.run(
      async (tx) => {
        const found = UUID.test(id) ? await this.endpoints.findByIdForUpdate(tx, tenantId, id) : null;
        if (!found) throw notFound(id);
        if (found.status === 'disabled') return viewOf(found);
        await this.endpoints.disable(tx, tenantId, id);
        await this.ledger.record(tx, {
          tenantId,
          actor,
          action: WEBHOOK_ENDPOINT_DISABLED_ACTION,
          subject: { type: 'webhook_endpoint', id },
          payload: { url: found.url },
        });
        const updated = await this.endpoints.findById(tx, tenantId, id);
        return viewOf(updated ?? found);
      },
      { tenantId },
    );
  }

  /**
   * Replaces the signing secret. The old one keeps signing beside it (a second signature in `webhook-signature`) for
   * WEBHOOK_PREVIOUS_SECRET_HOURS, so receivers can switch without missing a delivery; a secret older than that is
   * dropped at once.
   */
  async rotateSecret(tenantId: string, actor: AuditActor, id: string): Promise<WebhookEndpointWithSecret> {
    return this.transactions.run(
      async (tx) => {
        const found = UUID.test(id) ? await this.endpoints.findByIdForUpdate(tx, tenantId, id) : null;
        if (!found) throw notFound(id);
        if (found.status === 'disabled') {
          throw new WebhooksError(
            'webhooks/endpoint_disabled',
            'conflict',
            `the webhook endpoint ${id} is disabled: its secret can no longer be rotated`,
          );
        }
        const secret = generateWebhookSecret();
        const previousSecretExpiresAt = new Date(Date.now() + WEBHOOK_PREVIOUS_SECRET_HOURS * 3_600_000);
        await this.endpoints.rotateSecret(tx, tenantId, id, {
          secret,
          previousSecret: found.secret,
          previousSecretExpiresAt,
        });
        await this.ledger.record(tx, {
          tenantId,
          actor,
          action: WEBHOOK_ENDPOINT_SECRET_ROTATED_ACTION,
          subject: { type: 'webhook_endpoint', id },
          payload: { previousSecretExpiresAt: previousSecretExpiresAt.toISOString() },
        });
        return { endpoint: viewOf({ ...found, secret, previousSecretExpiresAt }), secret };
      },
      { tenantId },
    );
  }
}

function viewOf(endpoint: WebhookEndpointEntity): WebhookEndpointView {
  const expires = endpoint.previousSecretExpiresAt;
  return {
    id: endpoint.id,
    url: endpoint.url,
    description: endpoint.description,
    eventTypes: endpoint.eventTypes,
    status: endpoint.status,
    createdAt: endpoint.createdAt,
    disabledAt: endpoint.disabledAt,
    previousSecretExpiresAt: expires && expires > new Date() ? expires : null,
  };
}

function notFound(id: string): WebhooksError {
  return new WebhooksError('webhooks/endpoint_not_found', 'not_found', `no webhook endpoint ${id} in this tenant`);
}
