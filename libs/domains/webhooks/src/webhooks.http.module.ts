import { Module } from '@nestjs/common';
import { IdentityModule } from '@domains/identity';
import { WebhookDeliveryController } from './delivery/webhook-delivery.controller.js';
import { WebhookEndpointController } from './endpoint/webhook-endpoint.controller.js';
import { WebhooksModule } from './webhooks.module.js';

/** The webhooks routes (imported by apps/api only). */
@Module({
  imports: [WebhooksModule, IdentityModule],
  controllers: [WebhookEndpointController, WebhookDeliveryController],
})
export class WebhooksHttpModule {}
