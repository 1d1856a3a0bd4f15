import { createHash } from 'node:crypto';
import { canonicalJsonBytes } from '@domains/audit';
import type { ApprovalContent } from '@domains/identity';

/**
 * What an approval is bound to: the lowercase hex SHA-256 of the RFC 8785 canonical JSON of its content, so the same
 * content always has the same hash whatever the key order, and any change gives another.
 */
export function hashApprovalContent(content: ApprovalContent): string {
  return createHash('sha256').update(canonicalJsonBytes(content)).digest('hex');
}
