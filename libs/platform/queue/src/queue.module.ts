import { Global, Module, type DynamicModule, type OnApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Redis } from 'ioredis';
import { AppConfig } from '@platform/config';
import { configureQueueBackend, defaultJobOptions, type QueueConnection } from './queue.backend.js';
import { QUEUE_CONNECTION, QUEUE_CONTRACTS } from './queue.tokens.js';
import type { QueueContract } from './queue.contract.js';
import { OutboxJobEntity } from './outbox-job.entity.js';
import { OutboxJobRepository } from './outbox-job.repository.js';
import { JobProducer } from './job.producer.js';
import { QueueRegistry } from './queue.registry.js';
import { OutboxRelay } from './outbox.relay.js';

@Injectable()
class QueueConnectionCloser implements OnApplicationShutdown {
  constructor(@Inject(QUEUE_CONNECTION) private readonly connection: QueueConnection) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.connection instanceof Redis) await this.connection.quit().catch(() => undefined);
  }
}

@Global()
@Module({
  providers: [
    {
      provide: QUEUE_CONNECTION,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => configureQueueBackend(config),
    },
    QueueConnectionCloser,
  ],
  exports: [QUEUE_CONNECTION],
})
class QueueConnectionModule {}

export interface QueueModuleOptions {
  /** Every queue the composed app declares. */
  readonly queues: readonly QueueContract[];
  /** The worker consumes: registers the queues with @nestjs/bullmq and runs the outbox relay. */
  readonly consume: boolean;
}

@Global()
@Module({})
export class QueueModule {
  static forRoot(options: QueueModuleOptions): DynamicModule {
    const consumer = options.consume
      ? [
          BullModule.forRootAsync({
            imports: [QueueConnectionModule],
            inject: [QUEUE_CONNECTION, AppConfig],
            useFactory: (connection: QueueConnection, config: AppConfig) => ({
              connection: connection as never,
              prefix: config.values.QUEUE_PREFIX,
              defaultJobOptions,
            }),
          }),
          BullModule.registerQueue(...options.queues.map((q) => ({ name: q.name }))),
        ]
      : [];
    return {
      module: QueueModule,
      imports: [QueueConnectionModule, TypeOrmModule.forFeature([OutboxJobEntity]), ...consumer],
      providers: [
        { provide: QUEUE_CONTRACTS, useValue: options.queues },
        OutboxJobRepository,
        JobProducer,
        QueueRegistry,
        ...(options.consume ? [OutboxRelay] : []),
      ],
      exports: [JobProducer, QueueRegistry, OutboxJobRepository, ...(options.consume ? [OutboxRelay, BullModule] : [])],
    };
  }
}
