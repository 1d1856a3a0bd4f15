import { Webhook } from 'standardwebhooks';

/**
 * The `webhook-signature` header of Standard Webhooks: `v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">` keyed
 * with the base64-decoded part of each `whsec_` secret, one signature per secret separated by spaces (during a
 * rotation the old and the new secret both sign, so receivers can switch at their pace). `timestamp` is in seconds.
 */
export function signWebhook(secrets: readonly string[], id: string, timestamp: Date, body: string): string {
  if (secrets.length === 0) throw new Error('a webhook needs at least one secret to be signed with');
  return secrets.map((secret) => new Webhook(secret).sign(id, timestamp, body)).join(' ');
}
