import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ReportAddress } from '../document/report.document.js';

/**
 * The filing institution of a tenant: who files its regulator reports (goAML reporting entity, FinCEN filer TIN,
 * contact office). One row per tenant; every report document copies it when it is built.
 */
@Entity({ name: 'reporting_institutions' })
export class ReportInstitutionEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'goaml_entity_id', type: 'text' })
  goamlEntityId: string;

  @Column({ type: 'text' })
  tin: string;

  @Column({ name: 'tin_type', type: 'text' })
  tinType: 'EIN' | 'SSN-ITIN' | 'foreign';

  @Column({ name: 'federal_regulator', type: 'text' })
  federalRegulator: string;

  @Column({ name: 'institution_type', type: 'text' })
  institutionType: string;

  /** FinCEN BSA E-Filing Transmitter Control Code (TCC), for the FinCEN SAR and CTR batches. */
  @Column({ name: 'transmitter_control_code', type: 'text', nullable: true })
  transmitterControlCode: string | null;

  @Column({ type: 'jsonb' })
  address: ReportAddress;

  @Column({ type: 'jsonb' })
  contact: { name: string; phone: string; email: string; title?: string };

  /** goAML `currency_code_local`: the currency activity totals are summed in. */
  @Column({ name: 'local_currency', type: 'text', default: 'USD' })
  localCurrency: string;

  /** ISO 3166-1 alpha-2 of the FIU the tenant reports to. */
  @Column({ type: 'text', default: 'US' })
  jurisdiction: string;

  @Column({ name: 'updated_by', type: 'text' })
  updatedBy: string;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
