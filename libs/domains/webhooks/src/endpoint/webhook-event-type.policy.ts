import { WebhooksError } from '../webhooks.errors.js';

/** `noun.verb` and deeper (`transaction.review`, `case.alert.closed`): lower-case letters, digits and `_`. */
export const WEBHOOK_EVENT_TYPE = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

export function assertWebhookEventType(type: string): void {
  if (type.length > 100 || !WEBHOOK_EVENT_TYPE.test(type)) {
    throw new WebhooksError(
      'webhooks/event_type_invalid',
      'invalid',
      `${JSON.stringify(type)} is not an event type (noun.verb: lower-case letters, digits and _, at most 100 characters)`,
    );
  }
}
