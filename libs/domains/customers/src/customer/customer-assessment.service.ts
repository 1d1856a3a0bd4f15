import { Injectable } from '@nestjs/common';
import type { Tx } from '@platform/database';
import { AuditLedger, type AuditActor, type AuditPayload } from '@domains/audit';
import { SubjectScreener, type ScreeningSubjectInput } from '@domains/screening';
import { RiskMatrixService } from '../risk/risk-matrix.service.js';
import { assessRisk, type RiskAssessment } from '../risk/risk.scorer.js';
import type { CustomerEntity } from './customer.entity.js';
import { CustomerRepository } from './customer.repository.js';
import type { RelatedPartyEntity } from './related-party.entity.js';
import { RelatedPartyRepository } from './related-party.repository.js';

export interface Assessment {
  readonly customer: CustomerEntity;
  readonly assessment: RiskAssessment;
  readonly eddReasons: string[];
}

/** Every country a customer is linked to: residence or incorporation, nationalities, addresses, related parties. */
export function linkedCountries(customer: CustomerEntity, parties: readonly RelatedPartyEntity[]): string[] {
  const countries = [
    customer.country,
    ...customer.nationalities,
    ...customer.addresses.map((a) => a.country),
    ...parties.flatMap((p) => [p.country, ...p.nationalities]),
  ];
  return [...new Set(countries.filter((c): c is string => !!c))].sort();
}

/** Why enhanced due diligence applies (empty: customer due diligence is enough). */
export function eddReasonsOf(
  customer: CustomerEntity,
  parties: readonly RelatedPartyEntity[],
  assessment: RiskAssessment,
): string[] {
  const reasons: string[] = [];
  if (customer.isPep) reasons.push('the customer is a politically exposed person');
  for (const party of parties.filter((p) => p.isPep)) {
    reasons.push(`related party ${party.fullName} (${party.role}) is a politically exposed person`);
  }
  if (assessment.highRiskCountries.length > 0) {
    reasons.push(`linked to high-risk ${assessment.highRiskCountries.join(', ')}`);
  }
  if (assessment.rating === 'high') reasons.push('risk rating high');
  return reasons;
}

function subjectOf(customer: CustomerEntity): ScreeningSubjectInput {
  return {
    kind: 'customer',
    subjectId: customer.id,
    customerId: customer.id,
    name: customer.fullName,
    aliases: [customer.nativeName, ...customer.aliases].filter((n): n is string => !!n),
    entityType: customer.type === 'business' ? 'organisation' : 'individual',
    ...(customer.dateOfBirth && customer.type === 'individual' ? { dateOfBirth: customer.dateOfBirth } : {}),
    nationalities: customer.nationalities,
    ...(customer.country ? { country: customer.country } : {}),
    identifiers: customer.identifiers.map((i) => ({
      type: i.type,
      value: i.value,
      ...(i.country ? { country: i.country } : {}),
    })),
  };
}

function partySubjectOf(customerId: string, party: RelatedPartyEntity): ScreeningSubjectInput {
  return {
    kind: 'related_party',
    subjectId: party.id,
    customerId,
    name: party.fullName,
    aliases: party.nativeName ? [party.nativeName] : [],
    entityType: party.partyType === 'business' ? 'organisation' : 'individual',
    ...(party.dateOfBirth ? { dateOfBirth: party.dateOfBirth } : {}),
    nationalities: party.nationalities,
    ...(party.country ? { country: party.country } : {}),
  };
}

const SCREENING_ORDER = ['clear', 'potential_match', 'confirmed_match'] as const;

/**
 * Screens a customer and its related parties (through screening's SubjectScreener) and rates it with the active
 * matrix, in the caller's transaction. A change of the rating is an audit entry.
 */
@Injectable()
export class CustomerAssessmentService {
  constructor(
    private readonly customers: CustomerRepository,
    private readonly parties: RelatedPartyRepository,
    private readonly screener: SubjectScreener,
    private readonly matrices: RiskMatrixService,
    private readonly ledger: AuditLedger,
  ) {}

  /** Screens the customer and every related party; stores the worst status and the best score on the customer. */
  async screen(tx: Tx, customer: CustomerEntity, actor: AuditActor): Promise<CustomerEntity> {
    const tenantId = customer.tenantId;
    const parties = await this.parties.listByCustomer(tx, tenantId, customer.id);
    const own = await this.screener.screenSubject(tx, tenantId, subjectOf(customer));
    let status: (typeof SCREENING_ORDER)[number] = own.status;
    let bestScore = own.bestScore;
    let hits = own.hits.length;
    for (const party of parties) {
      const outcome = await this.screener.screenSubject(tx, tenantId, partySubjectOf(customer.id, party));
      await this.parties.setScreening(tx, tenantId, party.id, outcome.status, outcome.bestScore);
      if (SCREENING_ORDER.indexOf(outcome.status) > SCREENING_ORDER.indexOf(status)) status = outcome.status;
      bestScore = Math.max(bestScore, outcome.bestScore);
      hits += outcome.hits.length;
    }
    const screenedAt = new Date();
    await this.customers.update(tx, tenantId, customer.id, {
      screeningStatus: status,
      screeningBestScore: bestScore,
      screenedAt,
    });
    await this.ledger.record(tx, {
      tenantId,
      actor,
      action: 'customers.customer.screened',
      subject: { type: 'customer', id: customer.id },
      payload: { status, bestScore, hits, relatedParties: parties.length },
    });
    return { ...customer, screeningStatus: status, screeningBestScore: bestScore, screenedAt };
  }

  /** Rates the customer with the active matrix; records the change when the rating or score moved. */
  async rate(tx: Tx, customer: CustomerEntity, actor: AuditActor): Promise<Assessment> {
    const tenantId = customer.tenantId;
    const parties = await this.parties.listByCustomer(tx, tenantId, customer.id);
    const matrix = await this.matrices.active(tx, tenantId);
    const assessment = assessRisk(matrix.definition, {
      countries: linkedCountries(customer, parties),
      product: customer.product,
      channel: customer.channel,
      pep: customer.isPep || parties.some((p) => p.isPep),
      bestScreeningScore: customer.screeningBestScore ?? 0,
      occupation: customer.occupation,
      industry: customer.industry,
      adverseMedia: customer.adverseMedia,
    });
    const eddReasons = eddReasonsOf(customer, parties, assessment);
    const changed =
      customer.riskRating !== assessment.rating ||
      customer.riskScore !== assessment.score ||
      customer.riskMatrixVersion !== matrix.version;
    const updated: CustomerEntity = {
      ...customer,
      riskRating: assessment.rating,
      riskScore: assessment.score,
      riskExplanation: [...assessment.factors],
      riskMatrixVersion: matrix.version,
      ratedAt: changed ? new Date() : customer.ratedAt,
      eddRequired: eddReasons.length > 0,
    };
    await this.customers.update(tx, tenantId, customer.id, {
      riskRating: updated.riskRating,
      riskScore: updated.riskScore,
      riskExplanation: updated.riskExplanation,
      riskMatrixVersion: updated.riskMatrixVersion,
      ratedAt: updated.ratedAt,
      eddRequired: updated.eddRequired,
    });
    if (changed) {
      await this.ledger.record(tx, {
        tenantId,
        actor,
        action: 'customers.customer.risk_rated',
        subject: { type: 'customer', id: customer.id },
        payload: {
          fromRating: customer.riskRating,
          toRating: assessment.rating,
          score: assessment.score,
          matrixVersion: matrix.version,
          factors: assessment.factors as unknown as AuditPayload,
          eddReasons,
        },
      });
    }
    return { customer: updated, assessment, eddReasons };
  }

  /** The EDD reasons of the customer as stored now (for views), without writing anything. */
  async eddReasons(tx: Tx, customer: CustomerEntity): Promise<string[]> {
    const parties = await this.parties.listByCustomer(tx, customer.tenantId, customer.id);
    const matrix = await this.matrices.active(tx, customer.tenantId);
    const assessment = assessRisk(matrix.definition, {
      countries: linkedCountries(customer, parties),
      product: customer.product,
      channel: customer.channel,
      pep: customer.isPep || parties.some((p) => p.isPep),
      bestScreeningScore: customer.screeningBestScore ?? 0,
      occupation: customer.occupation,
      industry: customer.industry,
      adverseMedia: customer.adverseMedia,
    });
    return eddReasonsOf(customer, parties, assessment);
  }

  /** The review interval, in months, for a rating under the active matrix. */
  async reviewMonths(tx: Tx, tenantId: string, rating: CustomerEntity['riskRating']): Promise<number> {
    const matrix = await this.matrices.active(tx, tenantId);
    return matrix.definition.reviewMonths[rating === 'unrated' ? 'high' : rating];
  }
}
