import type { components } from '../../api/schema';

type Schemas = components['schemas'];

export type CreateWebhookEndpointDto = Schemas['CreateWebhookEndpointDto'];
export type WebhookEndpointDto = Schemas['WebhookEndpointDto'];
export type WebhookEndpointWithSecretDto = Schemas['WebhookEndpointWithSecretDto'];
export type WebhookDeliveryDto = Schemas['WebhookDeliveryDto'];
export type WebhookDeliveryAttemptDto = Schemas['WebhookDeliveryAttemptDto'];
