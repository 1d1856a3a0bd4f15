import { Injectable } from '@nestjs/common';
import { TransactionRunner, type Tx } from '@platform/database';
import { AuditLedger, type AuditActor } from '@domains/audit';
import { actorOf, type Principal } from '@domains/identity';
import { CustomersError, customerNotFound } from '../customers.errors.js';
import { CustomerAssessmentService } from '../customer/customer-assessment.service.js';
import type { CustomerEntity, EddChecklist } from '../customer/customer.entity.js';
import { CustomerRepository } from '../customer/customer.repository.js';
import { CustomerReviewRepository } from '../review/customer-review.repository.js';
import { canTransition, nextStatuses, type KycStatus } from './kyc.lifecycle.js';

export interface EddChecklistInput {
  readonly sourceOfWealth: string;
  readonly seniorManagementApproval: boolean;
  readonly purposeOfRelationship: string;
}

function addMonths(from: Date, months: number): Date {
  const next = new Date(from.getTime());
  next.setUTCMonth(next.getUTCMonth() + months);
  return next;
}

/**
 * Moves customers through the KYC lifecycle (see kyc.lifecycle.ts). Each move locks the customer, checks the
 * transition (409 `customers/invalid_transition` otherwise) and records `customers.customer.status_changed` in the
 * same transaction.
 */
@Injectable()
export class KycLifecycleService {
  constructor(
    private readonly customers: CustomerRepository,
    private readonly reviews: CustomerReviewRepository,
    private readonly assessment: CustomerAssessmentService,
    private readonly transactions: TransactionRunner,
    private readonly ledger: AuditLedger,
  ) {}

  /** draft → screening: screens the customer and its related parties, rates it, then → review for a decision. */
  async submit(principal: Principal, id: string): Promise<void> {
    const actor = actorOf(principal);
    await this.inTenant(principal.tenantId, id, async (tx, customer) => {
      const screening = await this.move(tx, customer, 'screening', actor, 'submitted for KYC');
      const screened = await this.assessment.screen(tx, screening, actor);
      const { customer: rated } = await this.assessment.rate(tx, screened, actor);
      await this.move(tx, rated, 'review', actor, 'screening done');
    });
  }

  /**
   * review → approved. Refused while screening has open or confirmed hits; an EDD customer needs the checklist (source
   * of wealth, senior management approval, purpose of the relationship). Closes the open review task and schedules the
   * next periodic review by the rating.
   */
  async approve(principal: Principal, id: string, reason: string, edd?: EddChecklistInput): Promise<void> {
    const actor = actorOf(principal);
    await this.inTenant(principal.tenantId, id, async (tx, customer) => {
      this.assertMove(customer, 'approved');
      if (customer.screeningStatus === 'potential_match' || customer.screeningStatus === 'confirmed_match') {
        throw new CustomersError(
          'customers/screening_unresolved',
          'conflict',
          customer.screeningStatus === 'confirmed_match'
            ? 'Screening confirmed a match: reject or exit this customer'
            : 'Screening has open hits: adjudicate them, then re-screen, before approving',
        );
      }
      const { customer: rated, eddReasons } = await this.assessment.rate(tx, customer, actor);
      let checklist: EddChecklist | null = null;
      if (eddReasons.length > 0) {
        const missing: string[] = [];
        if (!edd) missing.push('edd');
        else {
          if (edd.sourceOfWealth.trim().length < 10) missing.push('edd.sourceOfWealth');
          if (edd.purposeOfRelationship.trim().length < 10) missing.push('edd.purposeOfRelationship');
          if (!edd.seniorManagementApproval) missing.push('edd.seniorManagementApproval');
        }
        if (missing.length > 0 || !edd) {
          throw new CustomersError(
            'customers/edd_incomplete',
            'unprocessable',
            `Enhanced due diligence applies (${eddReasons.join('; ')}); complete ${missing.join(', ')}`,
            { eddReasons, missing },
          );
        }
        checklist = {
          sourceOfWealth: edd.sourceOfWealth.trim(),
          seniorManagementApproval: true,
          purposeOfRelationship: edd.purposeOfRelationship.trim(),
          approvedBy: actor.id,
          completedAt: new Date().toISOString(),
        };
      }
      const months = await this.assessment.reviewMonths(tx, rated.tenantId, rated.riskRating);
      const nextReviewAt = addMonths(new Date(), months);
      await this.customers.update(tx, rated.tenantId, rated.id, {
        eddChecklist: checklist ?? rated.eddChecklist,
        nextReviewAt,
        kycRequired: false,
      });
      await this.move(tx, rated, 'approved', actor, reason, {
        nextReviewAt: nextReviewAt.toISOString(),
        edd: checklist !== null,
        rating: rated.riskRating,
      });
      await this.closeOpenReview(tx, rated, actor, 'approved');
    });
  }

  /** review → rejected. */
  async reject(principal: Principal, id: string, reason: string): Promise<void> {
    const actor = actorOf(principal);
    await this.inTenant(principal.tenantId, id, async (tx, customer) => {
      await this.move(tx, customer, 'rejected', actor, reason);
      await this.customers.update(tx, customer.tenantId, customer.id, { nextReviewAt: null });
      await this.closeOpenReview(tx, customer, actor, 'rejected');
    });
  }

  /** approved | rejected → review, by hand (a manual review task is opened). */
  async startReview(principal: Principal, id: string, reason: string): Promise<void> {
    const actor = actorOf(principal);
    await this.inTenant(principal.tenantId, id, async (tx, customer) => {
      await this.sendToReview(tx, customer, actor, reason, 'manual');
    });
  }

  /** any → exited: the relationship ends (final). */
  async exit(principal: Principal, id: string, reason: string): Promise<void> {
    const actor = actorOf(principal);
    await this.inTenant(principal.tenantId, id, async (tx, customer) => {
      await this.move(tx, customer, 'exited', actor, reason);
      await this.customers.update(tx, customer.tenantId, customer.id, { nextReviewAt: null });
      await this.closeOpenReview(tx, customer, actor, 'exited');
    });
  }

  /** → review with an open review task, in the caller's transaction (the customer is locked by the caller). */
  async sendToReview(
    tx: Tx,
    customer: CustomerEntity,
    actor: AuditActor,
    reason: string,
    taskReason: 'periodic' | 'manual' | 'profile_change',
    dueAt: Date = new Date(),
  ): Promise<string | null> {
    await this.move(tx, customer, 'review', actor, reason);
    const reviewId = await this.reviews.openIfNone(tx, {
      tenantId: customer.tenantId,
      customerId: customer.id,
      reason: taskReason,
      dueAt,
    });
    if (reviewId) {
      await this.ledger.record(tx, {
        tenantId: customer.tenantId,
        actor,
        action: 'customers.review.opened',
        subject: { type: 'customer', id: customer.id },
        payload: { reviewId, reason: taskReason, dueAt: dueAt.toISOString() },
      });
    }
    return reviewId;
  }

  private async closeOpenReview(tx: Tx, customer: CustomerEntity, actor: AuditActor, outcome: string): Promise<void> {
    const open = await this.reviews.findOpenForCustomer(tx, customer.tenantId, customer.id);
    if (!open) return;
    await this.reviews.close(tx, customer.tenantId, open.id, { by: actor.type === 'user' ? actor.id : null, outcome });
    await this.ledger.record(tx, {
      tenantId: customer.tenantId,
      actor,
      action: 'customers.review.completed',
      subject: { type: 'customer', id: customer.id },
      payload: { reviewId: open.id, outcome },
    });
  }

  private assertMove(customer: CustomerEntity, to: KycStatus): void {
    if (!canTransition(customer.kycStatus, to)) {
      throw new CustomersError(
        'customers/invalid_transition',
        'conflict',
        `A customer in ${customer.kycStatus} cannot move to ${to}`,
        { from: customer.kycStatus, to, allowed: [...nextStatuses(customer.kycStatus)] },
      );
    }
  }

  private async move(
    tx: Tx,
    customer: CustomerEntity,
    to: KycStatus,
    actor: AuditActor,
    reason: string,
    extra: Record<string, string | boolean | null> = {},
  ): Promise<CustomerEntity> {
    this.assertMove(customer, to);
    await this.customers.update(tx, customer.tenantId, customer.id, { kycStatus: to, decisionReason: reason });
    await this.ledger.record(tx, {
      tenantId: customer.tenantId,
      actor,
      action: 'customers.customer.status_changed',
      subject: { type: 'customer', id: customer.id },
      payload: { from: customer.kycStatus, to, reason, ...extra },
    });
    return { ...customer, kycStatus: to, decisionReason: reason };
  }

  private async inTenant(
    tenantId: string,
    id: string,
    work: (tx: Tx, customer: CustomerEntity) => Promise<void>,
  ): Promise<void> {
    await this.transactions.run(
      async (tx) => {
        const customer = await this.customers.findByIdForUpdate(tx, tenantId, id);
        if (!customer) throw customerNotFound();
        await work(tx, customer);
      },
      { tenantId },
    );
  }
}
