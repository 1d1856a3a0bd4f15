import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@platform/database';
import { AuditLedger, type AuditActor, type AuditPayload } from '@domains/audit';
import { actorOf, type Principal } from '@domains/identity';
import type { ReportInstitution } from '../document/report.document.js';
import type { ReportInstitutionEntity } from './report-institution.entity.js';
import { ReportInstitutionRepository } from './report-institution.repository.js';

export const REPORT_INSTITUTION_UPDATED_ACTION = 'reporting.institution.updated';

export interface ReportInstitutionInput extends ReportInstitution {
  readonly localCurrency: string;
  readonly jurisdiction: string;
}

/** The tenant's filing institution: read it, set it (audited). */
@Injectable()
export class ReportInstitutionService {
  constructor(
    private readonly institutions: ReportInstitutionRepository,
    private readonly ledger: AuditLedger,
    private readonly transactions: TransactionRunner,
  ) {}

  get(tenantId: string): Promise<ReportInstitutionEntity | null> {
    return this.transactions.run((tx) => this.institutions.find(tx, tenantId), { tenantId });
  }

  put(principal: Principal, input: ReportInstitutionInput): Promise<ReportInstitutionEntity> {
    return this.putAs(principal.tenantId, actorOf(principal), input);
  }

  /** put for a given actor (the demo seed sets the institution as the system). */
  async putAs(tenantId: string, actor: AuditActor, input: ReportInstitutionInput): Promise<ReportInstitutionEntity> {
    return this.transactions.run(
      async (tx) => {
        const saved = await this.institutions.save(tx, {
          tenantId,
          name: input.name.trim(),
          goamlEntityId: input.goamlEntityId.trim(),
          tin: input.tin.trim(),
          tinType: input.tinType,
          federalRegulator: input.federalRegulator.trim(),
          institutionType: input.institutionType.trim(),
          transmitterControlCode: input.transmitterControlCode?.trim() || null,
          address: input.address,
          contact: input.contact,
          localCurrency: input.localCurrency,
          jurisdiction: input.jurisdiction,
          updatedBy: `${actor.type}:${actor.id}`,
        });
        await this.ledger.record(tx, {
          tenantId,
          actor,
          action: REPORT_INSTITUTION_UPDATED_ACTION,
          subject: { type: 'reporting_institution', id: tenantId },
          payload: JSON.parse(JSON.stringify(input)) as AuditPayload,
        });
        return saved;
      },
      { tenantId },
    );
  }
}
