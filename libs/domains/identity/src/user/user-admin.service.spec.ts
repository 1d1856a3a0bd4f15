import { describe, expect, it } from 'vitest';
import { normaliseRoles } from './user-admin.service.js';

describe('normaliseRoles', () => {
  it('orders roles as ROLES does and drops repeats and unknown names, so one set always hashes alike', () => {
    expect(normaliseRoles(['auditor', 'admin', 'auditor'])).toEqual(['admin', 'auditor']);
    expect(normaliseRoles(['analyst', 'compliance_officer'])).toEqual(['compliance_officer', 'analyst']);
    expect(normaliseRoles(['superuser'])).toEqual([]);
    expect(normaliseRoles([])).toEqual([]);
  });
});
