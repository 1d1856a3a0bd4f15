import { describe, expect, it } from 'vitest';
import { KYC_STATUSES, canTransition, nextStatuses } from './kyc.lifecycle.js';

describe('KYC lifecycle', () => {
  it('allows onboarding: draft → screening → review → approved or rejected', () => {
    expect(canTransition('draft', 'screening')).toBe(true);
    expect(canTransition('screening', 'review')).toBe(true);
    expect(canTransition('review', 'approved')).toBe(true);
    expect(canTransition('review', 'rejected')).toBe(true);
  });

  it('allows periodic review of an approved customer and approving again', () => {
    expect(canTransition('approved', 'review')).toBe(true);
    expect(canTransition('review', 'approved')).toBe(true);
  });

  it('refuses skipping steps', () => {
    expect(canTransition('draft', 'approved')).toBe(false);
    expect(canTransition('draft', 'review')).toBe(false);
    expect(canTransition('screening', 'approved')).toBe(false);
    expect(canTransition('approved', 'rejected')).toBe(false);
    expect(canTransition('approved', 'approved')).toBe(false);
  });

  it('lets every status but exited exit, and exited is final', () => {
    for (const status of KYC_STATUSES.filter((s) => s !== 'exited')) expect(canTransition(status, 'exited')).toBe(true);
    expect(nextStatuses('exited')).toEqual([]);
  });
});
