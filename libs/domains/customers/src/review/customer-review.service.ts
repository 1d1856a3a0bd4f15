import { Injectable, Logger } from '@nestjs/common';
import { TransactionRunner } from '@platform/database';
import type { AuditActor } from '@domains/audit';
import type { Principal } from '@domains/identity';
import { CustomersError, customerNotFound } from '../customers.errors.js';
import { CustomerRepository } from '../customer/customer.repository.js';
import { KycLifecycleService, type EddChecklistInput } from '../lifecycle/kyc-lifecycle.service.js';
import type { CustomerReviewEntity, ReviewStatus } from './customer-review.entity.js';
import { CustomerReviewRepository } from './customer-review.repository.js';

const SYSTEM: AuditActor = { type: 'system', id: 'customers.reviews' };
/** Customers opened per transaction by the scheduling job (so one run never holds many locks for long). */
const BATCH = 100;

/**
 * Periodic reviews: the job opens a review task for every approved customer whose review is due (and moves it to
 * review); completing the task approves the customer again, which schedules the next review by the rating.
 */
@Injectable()
export class CustomerReviewService {
  private readonly logger = new Logger('CustomerReviews');

  constructor(
    private readonly reviews: CustomerReviewRepository,
    private readonly customers: CustomerRepository,
    private readonly lifecycle: KycLifecycleService,
    private readonly transactions: TransactionRunner,
  ) {}

  /** Opens the due reviews of one tenant as of `now`; answers how many it opened. Safe to run again. */
  async openDue(tenantId: string, now: Date = new Date()): Promise<number> {
    let opened = 0;
    for (;;) {
      const batch = await this.transactions.run(
        async (tx) => {
          const due = await this.customers.findDueForReview(tx, tenantId, now, BATCH);
          let count = 0;
          for (const candidate of due) {
            // Lock and re-check: a concurrent run, or a decision, may have moved it meanwhile.
            const customer = await this.customers.findByIdForUpdate(tx, tenantId, candidate.id);
            if (
              !customer ||
              customer.kycStatus !== 'approved' ||
              !customer.nextReviewAt ||
              customer.nextReviewAt > now
            ) {
              continue;
            }
            await this.lifecycle.sendToReview(
              tx,
              customer,
              SYSTEM,
              'periodic review due',
              'periodic',
              customer.nextReviewAt,
            );
            count += 1;
          }
          return { found: due.length, count };
        },
        { tenantId },
      );
      opened += batch.count;
      if (batch.found < BATCH || batch.count === 0) break;
    }
    if (opened > 0) this.logger.log(`opened ${opened} periodic reviews in tenant ${tenantId}`);
    return opened;
  }

  async list(tenantId: string, filter: { status?: ReviewStatus; limit: number }): Promise<CustomerReviewEntity[]> {
    return this.transactions.run((tx) => this.reviews.list(tx, tenantId, filter), { tenantId });
  }

  /** Takes the task (or gives it back with `assign: false`). */
  async claim(principal: Principal, reviewId: string, assign: boolean): Promise<CustomerReviewEntity> {
    if (principal.kind !== 'user') {
      throw new CustomersError('customers/people_only', 'forbidden', 'Only a person can take a review');
    }
    const tenantId = principal.tenantId;
    return this.transactions.run(
      async (tx) => {
        const review = await this.open(tx, tenantId, reviewId);
        const assignee = assign ? principal.userId : null;
        await this.reviews.assign(tx, tenantId, review.id, assignee);
        return { ...review, assignee };
      },
      { tenantId },
    );
  }

  /** Completes the review by approving the customer again (with the EDD checklist when it applies). */
  async complete(
    principal: Principal,
    reviewId: string,
    reason: string,
    edd?: EddChecklistInput,
  ): Promise<CustomerReviewEntity> {
    const tenantId = principal.tenantId;
    const review = await this.transactions.run((tx) => this.open(tx, tenantId, reviewId), { tenantId });
    await this.lifecycle.approve(principal, review.customerId, reason, edd);
    const done = await this.transactions.run((tx) => this.reviews.findById(tx, tenantId, reviewId), { tenantId });
    if (!done) throw customerNotFound('review');
    return done;
  }

  private async open(
    tx: Parameters<CustomerReviewRepository['findById']>[0],
    tenantId: string,
    reviewId: string,
  ): Promise<CustomerReviewEntity> {
    const review = await this.reviews.findById(tx, tenantId, reviewId);
    if (!review) throw customerNotFound('review');
    if (review.status !== 'open') {
      throw new CustomersError('customers/review_not_open', 'conflict', 'This review is done already');
    }
    return review;
  }
}
