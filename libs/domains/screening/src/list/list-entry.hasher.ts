import { createHash } from 'node:crypto';
import { canonicalJson } from '@domains/audit';

/** SHA-256 (hex) of the RFC 8785 canonical JSON of a value (undefined members dropped first, as JSON does). */
export function hashCanonical(value: unknown): string {
  return createHash('sha256')
    .update(canonicalJson(JSON.parse(JSON.stringify(value)) as unknown))
    .digest('hex');
}

/** SHA-256 (hex) of a file's text as UTF-8. */
export function hashText(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
