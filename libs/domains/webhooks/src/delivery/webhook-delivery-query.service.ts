import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@platform/database';
import {
  WebhookDeliveryRepository,
  type WebhookDeliveryListFilter,
  type WebhookDeliveryRow,
} from './webhook-delivery.repository.js';

/** Reads a tenant's deliveries and their attempts, for people checking what was sent. */
@Injectable()
export class WebhookDeliveryQueryService {
  constructor(
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly transactions: TransactionRunner,
  ) {}

  list(tenantId: string, filter: WebhookDeliveryListFilter): Promise<WebhookDeliveryRow[]> {
    return this.transactions.run((tx) => this.deliveries.list(tx, tenantId, filter), { tenantId });
  }
}
