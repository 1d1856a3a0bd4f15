import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@platform/database';
import { ScreeningHitRepository } from '../hit/screening-hit.repository.js';
import { tuningReport, type ListTuning } from './tuning.calculator.js';

/**
 * The tuning report: precision and recall per threshold and per list over the adjudicated hits (true matches and false
 * positives). Recall is relative to adjudicated hits only: a true match the screener never raised (it scored below
 * the threshold used at screening time) is unknown to it.
 */
@Injectable()
export class TuningService {
  constructor(
    private readonly hits: ScreeningHitRepository,
    private readonly transactions: TransactionRunner,
  ) {}

  async report(tenantId: string): Promise<ListTuning[]> {
    const labelled = await this.transactions.run((tx) => this.hits.adjudicated(tx, tenantId), { tenantId });
    return tuningReport(labelled);
  }
}
