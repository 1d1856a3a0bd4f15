import { createHash } from 'node:crypto';
import { canonicalJsonBytes } from '@domains/audit';
import type { RuleSetDocument } from '../rules/rule-set.document.js';

/** Lowercase hex SHA-256 of the RFC 8785 canonical JSON of a rule-set document: what the audit entry names. */
export function hashRuleSetDocument(document: RuleSetDocument): string {
  return createHash('sha256').update(canonicalJsonBytes(document)).digest('hex');
}
