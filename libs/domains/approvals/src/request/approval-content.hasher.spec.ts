import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashApprovalContent } from './approval-content.hasher.js';

describe('hashApprovalContent', () => {
  const content = { userId: 'u-1', email: 'a@example.com', fromRoles: [], toRoles: ['admin'] };

  it('is the SHA-256 of the RFC 8785 canonical JSON, as lowercase hex', () => {
    const canonical = '{"email":"a@example.com","fromRoles":[],"toRoles":["admin"],"userId":"u-1"}';
    expect(hashApprovalContent(content)).toBe(createHash('sha256').update(canonical).digest('hex'));
  });

  it('does not depend on key order (jsonb gives keys back in its own order)', () => {
    const reordered = { toRoles: ['admin'], fromRoles: [], userId: 'u-1', email: 'a@example.com' };
    expect(hashApprovalContent(reordered)).toBe(hashApprovalContent(content));
  });

  it('changes with any change of the content, including role order', () => {
    const base = hashApprovalContent({ ...content, toRoles: ['admin', 'analyst'] });
    expect(hashApprovalContent({ ...content, toRoles: ['analyst', 'admin'] })).not.toBe(base);
    expect(hashApprovalContent({ ...content, fromRoles: ['analyst'], toRoles: ['admin', 'analyst'] })).not.toBe(base);
    expect(hashApprovalContent({ ...content, email: 'b@example.com', toRoles: ['admin', 'analyst'] })).not.toBe(base);
  });
});
