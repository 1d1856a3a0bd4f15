import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level, so that key order in the client's body does not matter. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Lowercase hex SHA-256 of the request's scope and body: "the same request" for an Idempotency-Key. */
export function requestHashOf(scope: string, body: unknown): string {
  return createHash('sha256').update(scope).update('\n').update(stableJson(body)).digest('hex');
}
