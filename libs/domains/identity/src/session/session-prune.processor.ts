import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import { identityQueue, type IdentityJobs } from '../identity.queue.js';
import { TenantScanner } from '../tenant/tenant.scanner.js';
import { SessionRepository } from './session.repository.js';
import { SignInChallengeRepository } from './sign-in-challenge.repository.js';

type PruneJob = Job<IdentityJobs['identity.sessions.prune'], number, 'identity.sessions.prune'>;

@Processor(identityQueue.name)
export class SessionPruneProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger('SessionPrune');

  constructor(
    private readonly sessions: SessionRepository,
    private readonly tenants: TenantScanner,
    private readonly challenges: SignInChallengeRepository,
    @InjectQueue(identityQueue.name) private readonly queue: Queue,
  ) {
    super();
  }

  /** One hourly schedule, shared by every worker process (the scheduler id makes it a single schedule). */
  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      'identity.sessions.prune',
      { every: 3_600_000 },
      { name: 'identity.sessions.prune', data: { olderThanHours: 24 } },
    );
  }

  async process(job: PruneJob): Promise<number> {
    // Row-level security shows one tenant at a time: prune tenant by tenant.
    const removed = await this.tenants.sum(async () => {
      const ended = await this.sessions.pruneEnded(job.data.olderThanHours);
      // Expired TOTP sign-in challenges go with them: they can never be answered.
      await this.challenges.pruneEnded(job.data.olderThanHours);
      return ended;
    });
    if (removed > 0) this.logger.log(`pruned ${removed} ended sessions`);
    return removed;
  }
}
