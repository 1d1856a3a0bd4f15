import { Inject, Injectable } from '@nestjs/common';
import { Redis } from 'ioredis';
import { QUEUE_CONNECTION, type QueueConnection } from '@platform/queue';

export interface RateDecision {
  readonly allowed: boolean;
  readonly limit: number;
  readonly remaining: number;
  /** Seconds until the current window ends. */
  readonly resetSeconds: number;
}

/**
 * Fixed one-minute windows per key. With Redis configured the counters live there, so the limit holds across every
 * api process; without Redis each process counts for itself (a laptop runs one process).
 */
@Injectable()
export class RateLimitStore {
  private readonly local = new Map<string, { window: number; count: number }>();

  constructor(@Inject(QUEUE_CONNECTION) private readonly connection: QueueConnection) {}

  async hit(key: string, limitPerMinute: number, now = Date.now()): Promise<RateDecision> {
    const window = Math.floor(now / 60_000);
    const resetSeconds = Math.ceil(((window + 1) * 60_000 - now) / 1000);
    let count: number;
    if (this.connection instanceof Redis) {
      const redisKey = `verity:rate:${key}:${window}`;
      const [[, incremented]] = (await this.connection.multi().incr(redisKey).expire(redisKey, 120).exec()) as [
        [Error | null, number],
        [Error | null, number],
      ];
      count = incremented;
    } else {
      const entry = this.local.get(key);
      count = entry && entry.window === window ? entry.count + 1 : 1;
      this.local.set(key, { window, count });
      if (this.local.size > 10_000) this.evict(window);
    }
    return {
      allowed: count <= limitPerMinute,
      limit: limitPerMinute,
      remaining: Math.max(0, limitPerMinute - count),
      resetSeconds,
    };
  }

  private evict(window: number): void {
    for (const [key, entry] of this.local) if (entry.window < window) this.local.delete(key);
  }
}
