import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule, type AppConfig } from '@platform/config';
import { DatabaseModule } from '@platform/database';
import { HttpPlatformModule } from '@platform/http';
import { LoggingModule } from '@platform/logging';
import { QueueModule } from '@platform/queue';
import { IdentityHttpModule, IdentityModule } from '@domains/identity';
import { AuditHttpModule } from '@domains/audit';
import { ApprovalsHttpModule } from '@domains/approvals';
import { CustomersHttpModule } from '@domains/customers';
import { ScreeningHttpModule } from '@domains/screening';
import { MonitoringHttpModule } from '@domains/monitoring';
import { WebhooksHttpModule } from '@domains/webhooks';
import { CasesHttpModule } from '@domains/cases';
import { Iso20022HttpModule } from '@domains/iso20022';
import { ReportingHttpModule } from '@domains/reporting';
import { OverviewController } from './overview/overview.controller.js';
import { allQueues } from './queues.js';

/** The HTTP composition root: platform plumbing plus every domain's http module. */
@Module({})
export class ApiModule {
  static register(config?: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule,
        DatabaseModule,
        QueueModule.forRoot({ queues: allQueues, consume: false }),
        HttpPlatformModule,
        IdentityModule,
        IdentityHttpModule,
        AuditHttpModule,
        ApprovalsHttpModule,
        CustomersHttpModule,
        ScreeningHttpModule,
        MonitoringHttpModule,
        WebhooksHttpModule,
        CasesHttpModule,
        Iso20022HttpModule,
        ReportingHttpModule,
      ],
      controllers: [OverviewController],
    };
  }
}
