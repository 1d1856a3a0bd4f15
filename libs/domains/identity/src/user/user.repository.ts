import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Tx } from '@platform/database';
import type { Role } from '../identity.permissions.js';
import { UserEntity } from './user.entity.js';

export interface NewUser {
  readonly email: string;
  readonly displayName: string;
  readonly passwordHash: string | null;
  readonly roles: Role[];
}

@Injectable()
export class UserRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findByEmail(tenantId: string, email: string): Promise<UserEntity | null> {
    return this.dataSource.manager.findOneBy(UserEntity, { tenantId, email: email.toLowerCase() });
  }

  findById(tenantId: string, id: string): Promise<UserEntity | null> {
    return this.dataSource.manager.findOneBy(UserEntity, { tenantId, id });
  }

  async create(tx: Tx, tenantId: string, user: NewUser): Promise<UserEntity> {
    return tx.save(tx.create(UserEntity, { ...user, tenantId, email: user.email.toLowerCase() }));
  }

  /** Counts a failure atomically and locks the account once `threshold` is reached; returns the new count. */
  async recordFailedSignIn(
    tx: Tx,
    tenantId: string,
    id: string,
    threshold: number,
    lockMinutes: number,
  ): Promise<number> {
    // TypeORM answers an UPDATE with [rows, affected count].
    const [rows]: [{ failed_sign_ins: number }[], number] = await tx.query(
      `UPDATE identity_users
          SET failed_sign_ins = failed_sign_ins + 1,
              locked_until = CASE WHEN failed_sign_ins + 1 >= $3 THEN now() + make_interval(mins => $4) ELSE locked_until END
        WHERE tenant_id = $1 AND id = $2
      RETURNING failed_sign_ins`,
      [tenantId, id, threshold, lockMinutes],
    );
    return rows[0]?.failed_sign_ins ?? 0;
  }

  async resetFailedSignIns(tx: Tx, tenantId: string, id: string): Promise<void> {
    await tx.update(UserEntity, { tenantId, id }, { failedSignIns: 0, lockedUntil: null });
  }

  /** The user, locked until the transaction ends: role changes, disabling and approvals serialise on it. */
  findByIdForUpdate(tx: Tx, tenantId: string, id: string): Promise<UserEntity | null> {
    return tx
      .createQueryBuilder(UserEntity, 'u')
      .setLock('pessimistic_write')
      .where('u.tenantId = :tenantId AND u.id = :id', { tenantId, id })
      .getOne();
  }

  /** Every user of the tenant, by email. */
  listByTenant(tenantId: string): Promise<UserEntity[]> {
    return this.dataSource.manager.find(UserEntity, { where: { tenantId }, order: { email: 'ASC' } });
  }

  /** The users of the tenant with a confirmed TOTP authenticator. */
  async mfaEnrolledUserIds(tenantId: string): Promise<Set<string>> {
    const rows: { user_id: string }[] = await this.dataSource.query(
      `SELECT user_id FROM identity_totp_factors WHERE tenant_id = $1 AND enrolled_at IS NOT NULL`,
      [tenantId],
    );
    return new Set(rows.map((r) => r.user_id));
  }

  async setRoles(tx: Tx, tenantId: string, id: string, roles: Role[]): Promise<void> {
    await tx.update(UserEntity, { tenantId, id }, { roles });
  }

  async setDisabledAt(tx: Tx, tenantId: string, id: string, disabledAt: Date | null): Promise<void> {
    await tx.update(UserEntity, { tenantId, id }, { disabledAt });
  }

  async setPasswordHash(tx: Tx, tenantId: string, id: string, passwordHash: string): Promise<void> {
    await tx.update(UserEntity, { tenantId, id }, { passwordHash, failedSignIns: 0, lockedUntil: null });
  }

  async countByRole(tenantId: string): Promise<{ total: number; byRole: Record<string, number> }> {
    const rows: { role: string; n: string }[] = await this.dataSource.query(
      `SELECT r AS role, count(*) AS n FROM identity_users, unnest(roles) AS r
        WHERE tenant_id = $1 AND disabled_at IS NULL GROUP BY r`,
      [tenantId],
    );
    const total = await this.dataSource.manager.countBy(UserEntity, { tenantId });
    return { total, byRole: Object.fromEntries(rows.map((r) => [r.role, Number(r.n)])) };
  }
}
