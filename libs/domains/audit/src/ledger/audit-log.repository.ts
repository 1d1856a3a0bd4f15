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
   * The tenant's log, created on the tenant's first entry (in the caller's transaction, so a rolled-back first entry
   * leaves no log behind). The origin takes the tenant's slug once and keeps it: the log's name never changes.
   * Returns null when the tenant does not exist.
   */
  /**
   * Logs are write-once and never deleted, so a committed log, once seen, is cached for the life of the process: the
   * hot path of record() then costs no query for it. Only logs read outside the caller's transaction are cached, so a
   * log created by a transaction that later rolls back is never remembered.
   */
  private readonly committed = new Map<string, AuditLogRef>();

  async ensure(tx: Tx, tenantId: string, originPrefix: string): Promise<AuditLogRef | null> {
    const cached = this.committed.get(tenantId);
    if (cached) return cached;
    const committed = await this.findByTenant(tenantId);
    if (committed) {
      this.committed.set(tenantId, committed);
      return committed;
    }
    const found = await this.findByTenant(tenantId, tx);
    if (found) return found;
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
