import { Injectable } from '@nestjs/common';
import { In, type FindOptionsWhere } from 'typeorm';
import { nextReferenceNumber, type Tx } from '@platform/database';
import type { ReportFormat, ReportKind } from '../document/report.document.js';
import { ReportArtifactEntity } from './report-artifact.entity.js';
import { ReportEntity, type ReportStatus } from './report.entity.js';

export type NewReport = Pick<
  ReportEntity,
  | 'tenantId'
  | 'kind'
  | 'formats'
  | 'caseId'
  | 'amendsReportId'
  | 'amendmentKind'
  | 'ctrKey'
  | 'document'
  | 'narrative'
  | 'dueAt'
  | 'determinedAt'
  | 'createdBy'
>;

export interface ReportListFilter {
  readonly status?: ReportStatus;
  readonly kind?: ReportKind;
  /** Only reports due before this instant. */
  readonly dueBefore?: Date;
}

export type ReportArtifactSummary = Omit<ReportArtifactEntity, 'bytes'>;

/** A report as lists show it: every column but the document and the narrative, and the case reference. */
export type ReportListing = Omit<ReportEntity, 'document' | 'narrative'> & { readonly caseReference: string | null };

const LISTED_COLUMNS = [
  'id',
  'tenantId',
  'reference',
  'kind',
  'formats',
  'status',
  'caseId',
  'amendsReportId',
  'amendmentKind',
  'ctrKey',
  'dueAt',
  'determinedAt',
  'approvalRequestId',
  'createdBy',
  'createdAt',
  'updatedAt',
  'approvedAt',
  'filedReference',
  'submittedAt',
  'acknowledgedAt',
  'rejectionReason',
] as const satisfies readonly Exclude<keyof ReportEntity, 'document' | 'narrative'>[];

/** Every method takes the transaction and the tenant. */
@Injectable()
export class ReportRepository {
  /** Inserts with the next `RPT-<year>-<6 digits>` of the tenant (a counter row per tenant and year). */
  async insert(tx: Tx, report: NewReport, now: Date): Promise<ReportEntity> {
    const series = `RPT-${now.getUTCFullYear()}`;
    const reference = `${series}-${String(await nextReferenceNumber(tx, report.tenantId, series)).padStart(6, '0')}`;
    return tx.save(tx.create(ReportEntity, { ...report, reference, status: 'draft' }));
  }

  findById(tx: Tx, tenantId: string, id: string): Promise<ReportEntity | null> {
    return tx.findOneBy(ReportEntity, { tenantId, id });
  }

  findByIdForUpdate(tx: Tx, tenantId: string, id: string): Promise<ReportEntity | null> {
    return tx
      .createQueryBuilder(ReportEntity, 'r')
      .setLock('pessimistic_write')
      .where('r.tenantId = :tenantId AND r.id = :id', { tenantId, id })
      .getOne();
  }

  findByCtrKey(tx: Tx, tenantId: string, ctrKey: string): Promise<ReportEntity | null> {
    return tx.findOneBy(ReportEntity, { tenantId, ctrKey });
  }

  listByCases(tx: Tx, tenantId: string, caseIds: readonly string[]): Promise<ReportEntity[]> {
    if (caseIds.length === 0) return Promise.resolve([]);
    return tx.find(ReportEntity, { where: { tenantId, caseId: In([...caseIds]) }, order: { createdAt: 'ASC' } });
  }

  /** Newest first, without the document and narrative (a list never shows them; a CTR batch's document is large). */
  async list(tx: Tx, tenantId: string, filter: ReportListFilter, limit: number): Promise<ReportListing[]> {
    const q = tx
      .createQueryBuilder(ReportEntity, 'r')
      .select(LISTED_COLUMNS.map((column) => `r.${column}`))
      .addSelect(`r.document ->> 'caseReference'`, 'case_reference')
      .where('r.tenantId = :tenantId', { tenantId });
    if (filter.status) q.andWhere('r.status = :status', { status: filter.status });
    if (filter.kind) q.andWhere('r.kind = :kind', { kind: filter.kind });
    if (filter.dueBefore) q.andWhere('r.dueAt <= :due', { due: filter.dueBefore });
    const { entities, raw } = await q
      .orderBy('r.createdAt', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .limit(limit)
      .getRawAndEntities<{ r_id: string; case_reference: string | null }>();
    const caseReferences = new Map(raw.map((row) => [row.r_id, row.case_reference]));
    return entities.map((entity) => ({ ...entity, caseReference: caseReferences.get(entity.id) ?? null }));
  }

  /**
   * The newest report of `kind` whose subject is a person with a first name, else the newest of `kind` (an example to
   * show, e.g. by `verity report examples`); null when the tenant has none.
   */
  async newestExampleOf(tx: Tx, tenantId: string, kind: string): Promise<string | null> {
    const rows: { id: string }[] = await tx.query(
      `SELECT id FROM reports r WHERE tenant_id = $1 AND kind = $2
        ORDER BY EXISTS (SELECT 1 FROM jsonb_array_elements(r.document -> 'parties') p
                          WHERE p ->> 'isSubject' = 'true' AND coalesce(p ->> 'firstName', '') <> '') DESC,
                 created_at DESC
        LIMIT 1`,
      [tenantId, kind],
    );
    return rows[0]?.id ?? null;
  }

  async update(tx: Tx, tenantId: string, id: string, change: Partial<ReportEntity>): Promise<void> {
    const where: FindOptionsWhere<ReportEntity> = { tenantId, id };
    await tx.update(ReportEntity, where, { ...change, updatedAt: () => 'now()' });
  }

  async insertArtifact(tx: Tx, artifact: Omit<ReportArtifactEntity, 'id' | 'createdAt'>): Promise<void> {
    await tx.insert(ReportArtifactEntity, artifact);
  }

  listArtifacts(tx: Tx, tenantId: string, reportId: string): Promise<ReportArtifactSummary[]> {
    return tx.find(ReportArtifactEntity, {
      select: {
        id: true,
        tenantId: true,
        reportId: true,
        format: true,
        fileName: true,
        mediaType: true,
        sha256: true,
        createdAt: true,
      },
      where: { tenantId, reportId },
      order: { format: 'ASC' },
    });
  }

  findArtifact(tx: Tx, tenantId: string, reportId: string, format: ReportFormat): Promise<ReportArtifactEntity | null> {
    return tx.findOneBy(ReportArtifactEntity, { tenantId, reportId, format });
  }

  listArtifactsWithBytes(tx: Tx, tenantId: string, reportId: string): Promise<ReportArtifactEntity[]> {
    return tx.find(ReportArtifactEntity, { where: { tenantId, reportId }, order: { format: 'ASC' } });
  }
}
