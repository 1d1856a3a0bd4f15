import { Injectable } from '@nestjs/common';
import type { Tx } from '@platform/database';
import type { JobNameOf, JobPayloadOf, QueueContract } from './queue.contract.js';
import { OutboxJobRepository } from './outbox-job.repository.js';

export interface EnqueueOptions {
  /** Start no earlier than this many milliseconds after delivery. */
  readonly delayMs?: number;
  /** Stable id: a second job with the same id is not enqueued again while the first is retained. */
  readonly jobId?: string;
}

/**
 * The typed facade producers use. A job is written to the outbox inside the caller's transaction, so it exists if
 * and only if the state change that caused it commits.
 */
@Injectable()
export class JobProducer {
  constructor(private readonly outbox: OutboxJobRepository) {}

  async enqueue<Q extends QueueContract, N extends JobNameOf<Q>>(
    tx: Tx,
    queue: Q,
    name: N,
    payload: JobPayloadOf<Q, N>,
    options: EnqueueOptions = {},
  ): Promise<void> {
    if (options.jobId !== undefined && !/^[A-Za-z0-9._-]{1,200}$/.test(options.jobId)) {
      throw new Error(`job id ${JSON.stringify(options.jobId)} must be 1-200 characters of A-Z a-z 0-9 . _ -`);
    }
    await this.outbox.insert(tx, {
      queue: queue.name,
      jobName: name,
      payload,
      jobId: options.jobId,
      delayMs: options.delayMs,
    });
  }
}
