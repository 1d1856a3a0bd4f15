import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@platform/config';
import { DatabaseConnector, TenantContext } from '@platform/database';
import { AuditCheckpointService } from '../checkpoint/audit-checkpoint.service.js';
import { AuditLogRepository, type AuditLogRef } from '../ledger/audit-log.repository.js';
import { AuditSequencer } from './audit-sequencer.service.js';

const WARN_EVERY_MS = 60_000;

/** When the loop comes back after a pass (see runPass). */
type PassOutcome = 'now' | 'soon' | 'later';

/**
 * The worker's long-running pass over every log: integrate what is waiting, then sign a checkpoint when due. Any
 * number of workers run it; per log, the advisory lock lets one at a time in and the others skip that log.
 */
@Injectable()
export class AuditIntegrationLoop implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AuditSequencer');
  private running: Promise<void> | undefined;
  private stopping = false;
  private wake: (() => void) | undefined;
  private readonly lastWarning = new Map<string, { message: string; at: number }>();

  constructor(
    private readonly database: DatabaseConnector,
    private readonly logs: AuditLogRepository,
    private readonly sequencer: AuditSequencer,
    private readonly checkpoints: AuditCheckpointService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.running = this.loop();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.running;
  }

  /**
   * One pass. The first pass of a process visits every log, so a changed signing key re-signs the current
   * checkpoints at once; later passes visit only logs with work. Returns when to come back: `now` when a log's
   * sequencer stopped on its time budget with entries still waiting, `soon` when more may have arrived or a
   * checkpoint is owed, `later` (the poll) otherwise.
   */
  async runPass(all = false): Promise<PassOutcome> {
    const logs: AuditLogRef[] = all ? await this.logs.listAll() : await this.logs.listNeedingWork();
    let next: PassOutcome = 'later';
    for (const log of logs) {
      if (this.stopping) break;
      try {
        // Each log is worked on as its tenant (row-level security).
        const [integrated, checkpoint] = await TenantContext.run(log.tenantId, async () => {
          const done = await this.sequencer.integrate(log.id);
          return [done, await this.checkpoints.publishIfDue(log.id)] as const;
        });
        // The sequencer stopped on its time budget to sign the checkpoint: go on at once. More may have arrived
        // meanwhile, or the checkpoint is owed: come back sooner than the poll.
        if (integrated.more) next = 'now';
        else if (next === 'later' && (checkpoint === 'not_due' || integrated.integrated > 0)) next = 'soon';
      } catch (error) {
        this.warnNowAndThen(log, error instanceof Error ? error.message : String(error));
      }
    }
    return next;
  }

  /** A log that keeps failing (it refuses to sign, say) is reported once a minute, not on every pass. */
  private warnNowAndThen(log: AuditLogRef, message: string): void {
    const last = this.lastWarning.get(log.id);
    if (last && last.message === message && Date.now() - last.at < WARN_EVERY_MS) return;
    this.lastWarning.set(log.id, { message, at: Date.now() });
    this.logger.warn(`audit log ${log.origin}: ${message}`);
  }

  private async loop(): Promise<void> {
    let failures = 0;
    let first = true;
    while (!this.stopping) {
      let next: PassOutcome = 'later';
      try {
        if (this.database.isConnected) {
          next = await this.runPass(first);
          first = false;
        }
        failures = 0;
      } catch (error) {
        failures += 1;
        this.logger.warn(`integration pass failed (${error instanceof Error ? error.message : String(error)})`);
      }
      const poll = this.config.values.AUDIT_SEQUENCER_POLL_MS;
      const pause =
        failures > 0
          ? Math.min(30_000, 500 * 2 ** Math.min(failures, 6))
          : { now: 0, soon: poll / 4, later: poll }[next];
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
