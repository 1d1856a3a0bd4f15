import { describe, expect, it } from 'vitest';
import { ALERT_REASON_CODES, ESCALATED_TO_CASE, bumpPriority, isValidReasonCode } from './alert.types.js';

describe('reason codes', () => {
  it('accepts only the codes of the disposition given', () => {
    expect(isValidReasonCode('false_positive', 'fp_legitimate_activity')).toBe(true);
    expect(isValidReasonCode('true_positive', 'tp_fraud')).toBe(true);
    expect(isValidReasonCode('true_positive', 'fp_legitimate_activity')).toBe(false);
    expect(isValidReasonCode('false_positive', 'made_up')).toBe(false);
  });

  it('keeps escalation’s own code out of analysts’ hands', () => {
    expect(isValidReasonCode('true_positive', ESCALATED_TO_CASE)).toBe(false);
    expect(Object.values(ALERT_REASON_CODES).flat()).not.toContain(ESCALATED_TO_CASE);
  });
});

describe('SLA priority bump', () => {
  it('moves one step up and never above critical', () => {
    expect(bumpPriority('low')).toBe('medium');
    expect(bumpPriority('high')).toBe('critical');
    expect(bumpPriority('critical')).toBe('critical');
  });
});
