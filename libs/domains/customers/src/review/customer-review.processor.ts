import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { TenantContext } from '@platform/database';
import { TenantScanner } from '@domains/identity';
import { customersQueue, type CustomersJobs } from '../customers.queue.js';
import { CustomerRatingService } from '../risk/customer-rating.service.js';
import { CustomerReviewService } from './customer-review.service.js';

type CustomersJob =
  | Job<CustomersJobs['customers.reviews.open_due'], number, 'customers.reviews.open_due'>
  | Job<CustomersJobs['customers.ratings.recompute'], number, 'customers.ratings.recompute'>;

/** The customers queue: the hourly periodic-review scan (every tenant) and re-rating after a matrix change. */
@Processor(customersQueue.name)
export class CustomersProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger('CustomersJobs');

  constructor(
    private readonly reviews: CustomerReviewService,
    private readonly ratings: CustomerRatingService,
    private readonly tenants: TenantScanner,
    @InjectQueue(customersQueue.name) private readonly queue: Queue,
  ) {
    super();
  }

  /** One hourly schedule shared by every worker (the scheduler id makes it a single schedule). */
  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      'customers.reviews.open_due',
      { every: 3_600_000 },
      { name: 'customers.reviews.open_due', data: {} },
    );
  }

  async process(job: CustomersJob): Promise<number> {
    switch (job.name) {
      case 'customers.reviews.open_due': {
        return this.tenants.sum((tenantId) => this.reviews.openDue(tenantId));
      }
      case 'customers.ratings.recompute': {
        const { tenantId, matrixVersion } = job.data;
        const changed = await TenantContext.run(tenantId, () => this.ratings.rerateAll(tenantId));
        this.logger.log(`re-rated tenant ${tenantId} with matrix v${matrixVersion}: ${changed} customers`);
        return changed;
      }
    }
  }
}
