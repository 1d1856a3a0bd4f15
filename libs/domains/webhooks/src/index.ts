export { WebhooksError, type WebhooksErrorCode } from './webhooks.errors.js';
export { WebhooksModule } from './webhooks.module.js';
export { WebhooksHttpModule } from './webhooks.http.module.js';
export { WebhooksJobsModule } from './webhooks.jobs.module.js';
export { webhooksQueue, type WebhooksJobs } from './webhooks.queue.js';
export { WebhookPublisher, newWebhookMessageId, type WebhookEvent } from './message/webhook.publisher.js';
export { WebhookDeliveryService, type WebhookAttemptResult } from './delivery/webhook-delivery.service.js';
export { signWebhook } from './delivery/webhook.signer.js';
export {
  WebhookEndpointService,
  type WebhookEndpointView,
  type WebhookEndpointWithSecret,
} from './endpoint/webhook-endpoint.service.js';
export { checkWebhookUrl, isForbiddenWebhookAddress } from './endpoint/webhook-address.policy.js';
