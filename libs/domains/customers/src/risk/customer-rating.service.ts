import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@platform/database';
import type { AuditActor } from '@domains/audit';
import { CustomerAssessmentService } from '../customer/customer-assessment.service.js';
import { CustomerRepository } from '../customer/customer.repository.js';

const SYSTEM: AuditActor = { type: 'system', id: 'customers.ratings' };

/** Re-rates customers when the risk matrix changes (each customer in its own short transaction; idempotent). */
@Injectable()
export class CustomerRatingService {
  constructor(
    private readonly customers: CustomerRepository,
    private readonly assessment: CustomerAssessmentService,
    private readonly transactions: TransactionRunner,
  ) {}

  /** Answers how many customers' rating or score changed. */
  async rerateAll(tenantId: string): Promise<number> {
    const ids = await this.transactions.run((tx) => this.customers.listActiveIds(tx, tenantId), { tenantId });
    let changed = 0;
    for (const id of ids) {
      const moved = await this.transactions.run(
        async (tx) => {
          const customer = await this.customers.findByIdForUpdate(tx, tenantId, id);
          if (!customer || customer.kycStatus === 'exited') return false;
          const { customer: rated } = await this.assessment.rate(tx, customer, SYSTEM);
          return rated.riskRating !== customer.riskRating || rated.riskScore !== customer.riskScore;
        },
        { tenantId },
      );
      if (moved) changed += 1;
    }
    return changed;
  }
}
