import { describe, expect, it } from 'vitest';
import { webhookRetryDelayMs } from './webhook-retry.schedule.js';

const SCHEDULE = [5_000, 300_000, 1_800_000];

describe('webhookRetryDelayMs', () => {
  it('follows the schedule, attempt by attempt, within ±10 % jitter', () => {
    expect(webhookRetryDelayMs(SCHEDULE, 1, () => 0.5)).toBe(5_000);
    expect(webhookRetryDelayMs(SCHEDULE, 2, () => 0)).toBe(270_000);
    expect(webhookRetryDelayMs(SCHEDULE, 3, () => 0.999_999)).toBeCloseTo(1_980_000, -1);
  });

  it('has no retry after the last scheduled one: the delivery has failed', () => {
    expect(webhookRetryDelayMs(SCHEDULE, 4)).toBeNull();
    expect(webhookRetryDelayMs([], 1)).toBeNull();
  });
});
