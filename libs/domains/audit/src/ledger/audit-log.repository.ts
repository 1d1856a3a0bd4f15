import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Tx } from '@platform/database';

export interface AuditLogRef {
  readonly id: string;
  readonly tenantId: string;
  readonly origin: string;
}

interface LogRow {
  id: string;
  tenant_id: string;
  origin: string;
}

const toRef = (row: LogRow): AuditLogRef => ({ id: String(row.id), tenantId: row.tenant_id, origin: row.origin });

@Injectable()
export class AuditLogRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Logs are write-once and never deleted, so a committed log, once seen, is cached for the life of the process: the
   * hot path of record() then costs no query for it. The lookup runs in the caller's transaction (reading on another
   * pooled connection would let concurrent first requests exhaust the pool, each holding one connection and waiting
   * for a second); a row this very transaction inserted is not cached, so a log whose creating transaction rolls
   * back is never remembered.
   */
  private readonly committed = new Map<string, AuditLogRef>();

  /**
   * The tenant's log, created on the tenant's first entry (in the caller's transaction, so a rolled-back first entry
   * leaves no log behind). The origin takes the tenant's slug once and keeps it: the log's name never changes.
   * Returns null when the tenant does not exist.
   */
  async ensure(tx: Tx, tenantId: string, originPrefix: string): Promise<AuditLogRef | null> {
    const cached = this.committed.get(tenantId);
    if (cached) return cached;
    const seen: (LogRow & { own: boolean })[] = await tx.query(
      `SELECT id, tenant_id, origin,
              coalesce(xmin::text = (pg_current_xact_id_if_assigned()::text::numeric % 4294967296)::text, false) AS own
         FROM audit_logs WHERE tenant_id = $1`,
      [tenantId],
    );
    if (seen[0]) {
      const ref = toRef(seen[0]);
      if (!seen[0].own) this.committed.set(tenantId, ref);
      return ref;
    }
    // Reads the slug from identity's table directly: identity imports audit, so audit cannot call identity back.
    const inserted: LogRow[] = await tx.query(
      `INSERT INTO audit_logs (tenant_id, origin)
       SELECT t.id, $2 || '/' || t.slug FROM tenants t WHERE t.id = $1
       ON CONFLICT DO NOTHING
       RETURNING id, tenant_id, origin`,
      [tenantId, originPrefix],
    );
    if (inserted[0]) return toRef(inserted[0]);
    // Another transaction created it first (ON CONFLICT waited for it to commit), or there is no such tenant.
    return this.findByTenant(tenantId, tx);
  }

  /**
   * The tenant's committed log (read outside any transaction, so only a committed row is seen), from the process's
   * cache when seen before: the readers' hot path (proofs, checkpoints) then costs no query for it.
   */
  async findCommitted(tenantId: string): Promise<AuditLogRef | null> {
    const cached = this.committed.get(tenantId);
    if (cached) return cached;
    const ref = await this.findByTenant(tenantId);
    if (ref) this.committed.set(tenantId, ref);
    return ref;
  }

  async findByTenant(tenantId: string, manager: EntityManager = this.dataSource.manager): Promise<AuditLogRef | null> {
    const rows: LogRow[] = await manager.query('SELECT id, tenant_id, origin FROM audit_logs WHERE tenant_id = $1', [
      tenantId,
    ]);
    return rows[0] ? toRef(rows[0]) : null;
  }

  async findById(logId: string, manager: EntityManager = this.dataSource.manager): Promise<AuditLogRef | null> {
    const rows: LogRow[] = await manager.query('SELECT id, tenant_id, origin FROM audit_logs WHERE id = $1', [logId]);
    return rows[0] ? toRef(rows[0]) : null;
  }

  async listAll(): Promise<AuditLogRef[]> {
    // SECURITY DEFINER: the worker's view across every tenant (see EnableTenantRowLevelSecurity).
    const rows: LogRow[] = await this.dataSource.query('SELECT id, tenant_id, origin FROM verity_audit_logs()');
    return rows.map(toRef);
  }

  /** Logs with entries waiting for the tree, or with leaves that no checkpoint covers yet. O(logs × log n). */
  async listNeedingWork(): Promise<AuditLogRef[]> {
    // SECURITY DEFINER: reads every tenant's work list and tree heads, returns only the logs.
    const rows: LogRow[] = await this.dataSource.query(
      'SELECT id, tenant_id, origin FROM verity_audit_logs_needing_work()',
    );
    return rows.map(toRef);
  }
}
