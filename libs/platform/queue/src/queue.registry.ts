import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { QUEUE_CONNECTION, QUEUE_CONTRACTS } from './queue.tokens.js';
import { openQueue, type QueueConnection } from './queue.backend.js';
import type { QueueContract } from './queue.contract.js';
import { AppConfig } from '@platform/config';

export interface QueueDepth {
  readonly name: string;
  readonly waiting: number;
  readonly active: number;
  readonly delayed: number;
  readonly failed: number;
  readonly completed: number;
}

/** Producer-side handles to the queues this process knows, opened on first use. */
@Injectable()
export class QueueRegistry implements OnApplicationShutdown {
  private readonly open = new Map<string, Queue>();

  constructor(
    @Inject(QUEUE_CONNECTION) private readonly connection: QueueConnection,
    @Inject(QUEUE_CONTRACTS) private readonly contracts: readonly QueueContract[],
    private readonly config: AppConfig,
  ) {}

  get names(): string[] {
    return [...new Set([...this.contracts.map((c) => c.name), ...this.open.keys()])].sort();
  }

  queue(name: string): Queue {
    let queue = this.open.get(name);
    if (!queue) {
      queue = openQueue(name, this.connection, this.config.values.QUEUE_PREFIX);
      this.open.set(name, queue);
    }
    return queue;
  }

  async depths(): Promise<QueueDepth[]> {
    return Promise.all(
      this.names.map(async (name) => {
        const counts = await this.queue(name).getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
        return {
          name,
          waiting: counts.waiting ?? 0,
          active: counts.active ?? 0,
          delayed: counts.delayed ?? 0,
          failed: counts.failed ?? 0,
          completed: counts.completed ?? 0,
        };
      }),
    );
  }

  async ping(): Promise<void> {
    const first = this.names[0] ?? 'platform';
    await this.queue(first).getJobCounts('waiting');
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.open.values()].map((q) => q.close()));
    this.open.clear();
  }
}
