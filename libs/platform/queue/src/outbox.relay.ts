import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@platform/config';
import { DatabaseConnector } from '@platform/database';
import { OutboxJobRepository, type PendingOutboxJob } from './outbox-job.repository.js';
import { QueueRegistry } from './queue.registry.js';

export const OUTBOX_BATCH_SIZE = 500;
const PRUNE_EVERY_MS = 3_600_000;
const DELIVERED_RETENTION_HOURS = 72;

/** Lets tests stop a delivery between enqueueing and marking the rows delivered, as a crash would. */
export interface RelayFaults {
  afterEnqueue?(jobs: readonly PendingOutboxJob[]): void;
}

/**
 * Moves committed outbox rows to BullMQ. Rows are locked, enqueued with their stable job id, and marked delivered in
 * one transaction: a crash before the commit leaves them undelivered, and the next pass enqueues them again under the
 * same id, which the backend deduplicates. Delivery is at least once; handlers are idempotent.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private running: Promise<void> | undefined;
  private stopping = false;
  private wake: (() => void) | undefined;
  private lastPrune = 0;

  constructor(
    private readonly database: DatabaseConnector,
    private readonly outbox: OutboxJobRepository,
    private readonly queues: QueueRegistry,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.running = this.loop();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.running;
  }

  /** Delivers one batch; returns how many jobs it delivered. */
  async deliverBatch(faults: RelayFaults = {}): Promise<number> {
    return this.outbox.deliverPending(OUTBOX_BATCH_SIZE, async (jobs) => {
      const byQueue = new Map<string, PendingOutboxJob[]>();
      for (const job of jobs) byQueue.set(job.queue, [...(byQueue.get(job.queue) ?? []), job]);
      for (const [queue, batch] of byQueue) {
        await this.queues.queue(queue).addBulk(
          batch.map((job) => ({
            name: job.jobName,
            data: job.payload,
            opts: { jobId: job.jobId, ...(job.delayMs > 0 ? { delay: job.delayMs } : {}) },
          })),
        );
      }
      faults.afterEnqueue?.(jobs);
    });
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      let delivered = 0;
      try {
        if (this.database.isConnected) {
          delivered = await this.deliverBatch();
          await this.pruneNowAndThen();
        }
        failures = 0;
      } catch (error) {
        failures += 1;
        this.logger.warn(`delivery failed (${error instanceof Error ? error.message : String(error)}); will retry`);
      }
      if (delivered < OUTBOX_BATCH_SIZE) {
        const pause =
          failures > 0 ? Math.min(30_000, 500 * 2 ** Math.min(failures, 6)) : this.config.values.OUTBOX_POLL_MS;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, pause);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  }

  private async pruneNowAndThen(): Promise<void> {
    if (Date.now() - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = Date.now();
    const removed = await this.outbox.pruneDelivered(DELIVERED_RETENTION_HOURS);
    if (removed > 0) this.logger.log(`pruned ${removed} delivered outbox rows`);
  }
}
