/** Each delay is spread by up to ±10 %, so endpoints that failed together are not retried in lockstep. */
export const WEBHOOK_RETRY_JITTER = 0.1;

/**
 * The delay before the attempt after attempt `attemptsMade` (1-based) failed, or null when the schedule has no more
 * retry: the delivery has then failed. `schedule[i]` is the delay before retry i + 1.
 */
export function webhookRetryDelayMs(
  schedule: readonly number[],
  attemptsMade: number,
  random: () => number = Math.random,
): number | null {
  const base = schedule[attemptsMade - 1];
  if (base === undefined) return null;
  return Math.max(0, Math.round(base * (1 - WEBHOOK_RETRY_JITTER + 2 * WEBHOOK_RETRY_JITTER * random())));
}
