import { DomainError } from '@platform/errors';

export type WebhooksErrorCode =
  /** No webhook endpoint with that id in the caller's tenant (another tenant's id answers the same). */
  | 'webhooks/endpoint_not_found'
  /**
   * The endpoint URL is not allowed: not https (http only to 127.0.0.1/localhost when
   * WEBHOOKS_ALLOW_INSECURE_LOCALHOST is on), carries credentials, or its host is or resolves to a loopback, private,
   * link-local, multicast or otherwise reserved address (requests there could reach internal services: SSRF).
   */
  | 'webhooks/url_not_allowed'
  /** The endpoint is disabled: it receives nothing and its secret can no longer be rotated. */
  | 'webhooks/endpoint_disabled'
  /** An event type is not of the form `noun.verb` (lower-case letters, digits, `_`, `.`; at most 100 characters). */
  | 'webhooks/event_type_invalid';

export class WebhooksError extends DomainError<WebhooksErrorCode> {}
