import { describe, expect, it } from 'vitest';
import { PERMISSIONS } from '@domains/identity';
import { UI_PERMISSIONS, rolesGrant } from '../src/app/app.permissions.js';

describe('the admin UI permission mirror', () => {
  it.each(Object.keys(UI_PERMISSIONS))('grants %s to exactly the roles the api declares', (permission) => {
    expect(Object.keys(PERMISSIONS)).toContain(permission);
    const declared = PERMISSIONS[permission as keyof typeof PERMISSIONS] as readonly string[];
    expect([...UI_PERMISSIONS[permission as keyof typeof UI_PERMISSIONS]].sort()).toEqual([...declared].sort());
  });

  it('grants a permission when any of the roles holds it', () => {
    expect(rolesGrant(['auditor', 'admin'], 'users:manage')).toBe(true);
    expect(rolesGrant(['analyst'], 'users:manage')).toBe(false);
    expect(rolesGrant([], 'approvals:read')).toBe(false);
  });
});
