import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule, type AppConfig } from '@platform/config';
import { DatabaseModule } from '@platform/database';
import { LoggingModule } from '@platform/logging';
import { QueueModule } from '@platform/queue';
import { IdentityJobsModule, identityQueue } from '@domains/identity';
import { AuditJobsModule, auditExportQueue, auditQueue } from '@domains/audit';
import { CustomersJobsModule, customersQueue } from '@domains/customers';
import { ScreeningJobsModule, screeningQueue } from '@domains/screening';
import { MonitoringJobsModule, monitoringBacktestQueue, monitoringQueue } from '@domains/monitoring';
import { WebhooksJobsModule, webhooksQueue } from '@domains/webhooks';
import { CasesJobsModule, casesAlertsQueue, casesQueue } from '@domains/cases';
import { Iso20022JobsModule, iso20022Queue } from '@domains/iso20022';
import { ReportingJobsModule, reportingQueue } from '@domains/reporting';
import type { QueueContract } from '@platform/queue';

/** The queues this worker consumes: one per jobs module it imports. */
export const consumedQueues: readonly QueueContract[] = [
  identityQueue,
  auditQueue,
  auditExportQueue,
  customersQueue,
  screeningQueue,
  monitoringQueue,
  monitoringBacktestQueue,
  webhooksQueue,
  casesAlertsQueue,
  casesQueue,
  iso20022Queue,
  reportingQueue,
];

/**
 * The queue composition root: the outbox relay and every domain's jobs module (including the audit sequencer loop,
 * which needs no queue: it polls the ledger). No controllers.
 */
@Module({})
export class WorkerModule {
  static register(config?: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule,
        DatabaseModule,
        QueueModule.forRoot({ queues: consumedQueues, consume: true }),
        IdentityJobsModule,
        AuditJobsModule,
        CustomersJobsModule,
        ScreeningJobsModule,
        MonitoringJobsModule,
        WebhooksJobsModule,
        CasesJobsModule,
        Iso20022JobsModule,
        ReportingJobsModule,
      ],
    };
  }
}
