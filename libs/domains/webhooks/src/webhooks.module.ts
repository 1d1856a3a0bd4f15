import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@domains/audit';
import { WebhookDeliveryAttemptEntity } from './delivery/webhook-delivery-attempt.entity.js';
import { WebhookDeliveryQueryService } from './delivery/webhook-delivery-query.service.js';
import { WebhookDeliveryEntity } from './delivery/webhook-delivery.entity.js';
import { WebhookDeliveryRepository } from './delivery/webhook-delivery.repository.js';
import { WebhookDeliveryService } from './delivery/webhook-delivery.service.js';
import { WebhookHttpSender } from './delivery/webhook-http.sender.js';
import { WebhookEndpointEntity } from './endpoint/webhook-endpoint.entity.js';
import { WebhookEndpointRepository } from './endpoint/webhook-endpoint.repository.js';
import { WebhookEndpointService } from './endpoint/webhook-endpoint.service.js';
import { WebhookHostResolver } from './endpoint/webhook-host.resolver.js';
import { WebhookTargetPolicy } from './endpoint/webhook-target.policy.js';
import { WebhookMessageEntity } from './message/webhook-message.entity.js';
import { WebhookMessageRepository } from './message/webhook-message.repository.js';
import { WebhookPublisher } from './message/webhook.publisher.js';

/**
 * Signed webhooks (Standard Webhooks): tenants' endpoints, the messages other domains publish through
 * `WebhookPublisher`, and their deliveries (shared by apps/api and apps/worker).
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      WebhookEndpointEntity,
      WebhookMessageEntity,
      WebhookDeliveryEntity,
      WebhookDeliveryAttemptEntity,
    ]),
    AuditModule,
  ],
  providers: [
    WebhookEndpointRepository,
    WebhookMessageRepository,
    WebhookDeliveryRepository,
    WebhookHostResolver,
    WebhookTargetPolicy,
    WebhookHttpSender,
    WebhookEndpointService,
    WebhookDeliveryService,
    WebhookDeliveryQueryService,
    WebhookPublisher,
  ],
  exports: [WebhookPublisher, WebhookEndpointService, WebhookDeliveryService, WebhookDeliveryQueryService],
})
export class WebhooksModule {}
