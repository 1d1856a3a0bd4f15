import { Module } from '@nestjs/common';
import { IdentityModule } from '@domains/identity';
import { WebhookDeliveryProcessor } from './delivery/webhook-delivery.processor.js';
import { WebhooksModule } from './webhooks.module.js';

/** The webhooks processors (imported by apps/worker only). */
@Module({ imports: [WebhooksModule, IdentityModule], providers: [WebhookDeliveryProcessor] })
export class WebhooksJobsModule {}
