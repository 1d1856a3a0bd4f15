import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { AppConfig } from '@platform/config';
import { TenantScanner } from '@domains/identity';
import { AlertWorkflowService } from '../alert/alert-workflow.service.js';
import { casesAlertsQueue, type CasesAlertsJobs } from '../cases.queue.js';
import { AlertIntakeService } from './alert-intake.service.js';

type CasesAlertsJob =
  | Job<CasesAlertsJobs['cases.alerts.intake'], number, 'cases.alerts.intake'>
  | Job<CasesAlertsJobs['cases.alerts.sla'], number, 'cases.alerts.sla'>;

/** SLA scan period: every minute. */
const SLA_EVERY_MS = 60_000;

/** The cases-alerts queue: intake from every source (every CASES_ALERT_INTAKE_EVERY_MS) and the minutely SLA scan. */
@Processor(casesAlertsQueue.name)
export class CasesAlertsProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger('CasesAlertsJobs');

  constructor(
    private readonly intake: AlertIntakeService,
    private readonly workflow: AlertWorkflowService,
    private readonly tenants: TenantScanner,
    private readonly config: AppConfig,
    @InjectQueue(casesAlertsQueue.name) private readonly queue: Queue,
  ) {
    super();
  }

  /** One schedule each, shared by every worker (the scheduler id makes it a single schedule). */
  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      'cases.alerts.intake',
      { every: this.config.values.CASES_ALERT_INTAKE_EVERY_MS },
      { name: 'cases.alerts.intake', data: {} },
    );
    await this.queue.upsertJobScheduler(
      'cases.alerts.sla',
      { every: SLA_EVERY_MS },
      { name: 'cases.alerts.sla', data: {} },
    );
  }

  async process(job: CasesAlertsJob): Promise<number> {
    switch (job.name) {
      case 'cases.alerts.intake': {
        const outcome = await this.intake.runOnce();
        return outcome.raised + outcome.closedFromSource;
      }
      case 'cases.alerts.sla': {
        return this.tenants.sum(async (tenantId) => {
          const escalated = await this.workflow.escalateBreaches(tenantId);
          const released = await this.workflow.releaseIdle(tenantId);
          if (escalated + released > 0) {
            this.logger.log(
              `tenant ${tenantId}: ${escalated} SLA breaches escalated, ${released} idle claims released`,
            );
          }
          return escalated + released;
        });
      }
    }
  }
}
