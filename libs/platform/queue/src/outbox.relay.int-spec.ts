import 'reflect-metadata';
import { Test, type TestingModule } from '@nestjs/testing';
import { Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppConfig, ConfigModule } from '@platform/config';
import { DatabaseConnector, DatabaseModule, TransactionRunner } from '@platform/database';
import { testConfig } from '@platform/testing';
import { JobProducer } from './job.producer.js';
import { OutboxRelay } from './outbox.relay.js';
import { OutboxJobRepository } from './outbox-job.repository.js';
import { defineQueue } from './queue.contract.js';
import { QueueModule } from './queue.module.js';
import { QueueRegistry } from './queue.registry.js';
import { QUEUE_CONNECTION } from './queue.tokens.js';
import type { QueueConnection } from './queue.backend.js';

interface ProbeJobs {
  'probe.ping': { readonly marker: string };
}
const probeQueue = defineQueue<ProbeJobs>()(`outbox-probe-${Date.now()}`);

describe('transactional outbox and relay (real PostgreSQL, real queue backend)', () => {
  let moduleRef: TestingModule;
  let producer: JobProducer;
  let transactions: TransactionRunner;
  let worker: Worker;
  const handled: string[] = [];
  let handledChanged: () => void = () => undefined;

  const newRelay = (): OutboxRelay =>
    new OutboxRelay(
      moduleRef.get(DatabaseConnector),
      moduleRef.get(OutboxJobRepository),
      moduleRef.get(QueueRegistry),
      moduleRef.get(AppConfig),
    );
  const pendingMarkers = async (): Promise<string[]> => {
    const rows = await transactions.reader.query<{ marker: string }[]>(
      `SELECT payload->>'marker' AS marker FROM outbox_jobs WHERE queue = $1 AND delivered_at IS NULL`,
      [probeQueue.name],
    );
    return rows.map((r) => r.marker);
  };
  const waitForHandled = async (count: number): Promise<void> => {
    while (handled.length < count) {
      await new Promise<void>((resolve) => {
        handledChanged = resolve;
      });
    }
  };

  beforeAll(async () => {
    const config = testConfig();
    moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        QueueModule.forRoot({ queues: [probeQueue], consume: false }),
      ],
    }).compile();
    await moduleRef.init();
    await moduleRef.get(DatabaseConnector).whenConnected();
    producer = moduleRef.get(JobProducer);
    transactions = moduleRef.get(TransactionRunner);
    worker = new Worker<ProbeJobs['probe.ping']>(
      probeQueue.name,
      (job) => {
        handled.push(job.data.marker);
        handledChanged();
        return Promise.resolve();
      },
      { connection: moduleRef.get<QueueConnection>(QUEUE_CONNECTION), prefix: config.values.QUEUE_PREFIX },
    );
  });

  afterAll(async () => {
    await worker?.close();
    await moduleRef?.close();
  });

  it('never delivers a job whose transaction rolled back', async () => {
    await expect(
      transactions.run(async (tx) => {
        await producer.enqueue(tx, probeQueue, 'probe.ping', { marker: 'rolled-back' });
        throw new Error('the state change failed');
      }),
    ).rejects.toThrow('the state change failed');

    expect(await pendingMarkers()).toEqual([]);
    // The relay may deliver other tests' committed jobs from the shared database; none of them is the probe's.
    await newRelay().deliverBatch();
    const counts = await moduleRef.get(QueueRegistry).queue(probeQueue.name).getJobCounts();
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(0);
    expect(handled).not.toContain('rolled-back');
  });

  it('delivers a committed job even when the relay crashes between enqueue and marking it delivered', async () => {
    await transactions.run((tx) => producer.enqueue(tx, probeQueue, 'probe.ping', { marker: 'committed' }));
    expect(await pendingMarkers()).toEqual(['committed']);

    const crashing = newRelay();
    await expect(
      crashing.deliverBatch({
        afterEnqueue: () => {
          throw new Error('process killed');
        },
      }),
    ).rejects.toThrow('process killed');
    // The crash rolled the relay's transaction back: the row is still owed.
    expect(await pendingMarkers()).toEqual(['committed']);

    // A fresh relay (the restarted process) delivers it again under the same job id.
    expect(await newRelay().deliverBatch()).toBe(1);
    expect(await pendingMarkers()).toEqual([]);
    await waitForHandled(1);
    const counts = await moduleRef
      .get(QueueRegistry)
      .queue(probeQueue.name)
      .getJobCounts('completed', 'waiting', 'active');
    expect(handled.filter((m) => m === 'committed')).toHaveLength(1);
    expect((counts.completed ?? 0) + (counts.waiting ?? 0) + (counts.active ?? 0)).toBe(1);
  });

  it('refuses a malformed job id before anything is written', async () => {
    await expect(
      transactions.run((tx) =>
        producer.enqueue(tx, probeQueue, 'probe.ping', { marker: 'bad-id' }, { jobId: 'has:colon and spaces' }),
      ),
    ).rejects.toThrow(/job id/);
    expect(await pendingMarkers()).toEqual([]);
  });

  it('only accepts the payload the queue contract declares (checked by the compiler)', async () => {
    await transactions
      .run(async (tx) => {
        // @ts-expect-error -- 'probe.pong' is not a job of this queue
        await producer.enqueue(tx, probeQueue, 'probe.pong', { marker: 'x' });
        // @ts-expect-error -- marker must be a string
        await producer.enqueue(tx, probeQueue, 'probe.ping', { marker: 42 });
        throw new Error('roll back the type probes');
      })
      .catch(() => undefined);
    expect(await pendingMarkers()).toEqual([]);
  });
});
