import { Injectable } from '@nestjs/common';
import type { Tx } from '@platform/database';
import { ReportInstitutionEntity } from './report-institution.entity.js';

export type ReportInstitutionValues = Omit<ReportInstitutionEntity, 'updatedAt'>;

/** Every method takes the transaction and the tenant. */
@Injectable()
export class ReportInstitutionRepository {
  find(tx: Tx, tenantId: string): Promise<ReportInstitutionEntity | null> {
    return tx.findOneBy(ReportInstitutionEntity, { tenantId });
  }

  /** Creates or replaces the tenant's institution. */
  async save(tx: Tx, values: ReportInstitutionValues): Promise<ReportInstitutionEntity> {
    await tx
      .createQueryBuilder()
      .insert()
      .into(ReportInstitutionEntity)
      .values({ ...values, updatedAt: () => 'now()' })
      .orUpdate(
        [
          'name',
          'goaml_entity_id',
          'tin',
          'tin_type',
          'federal_regulator',
          'institution_type',
          'transmitter_control_code',
          'address',
          'contact',
          'local_currency',
          'jurisdiction',
          'updated_by',
          'updated_at',
        ],
        ['tenant_id'],
      )
      .execute();
    const saved = await this.find(tx, values.tenantId);
    if (!saved) throw new Error(`institution of tenant ${values.tenantId} vanished after save`);
    return saved;
  }
}
