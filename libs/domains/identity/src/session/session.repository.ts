import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Tx } from '@platform/database';
import { SessionEntity } from './session.entity.js';

export interface ActiveSession {
  readonly id: string;
  readonly tenantId: string;
  readonly userId: string;
  readonly csrfToken: string;
  readonly lastSeenAt: Date;
  readonly expiresAt: Date;
  readonly roles: string[];
  readonly email: string;
  readonly displayName: string;
  readonly reauthenticatedAt: Date;
  readonly authMethod: string;
  readonly mfaSatisfied: boolean;
  /** Whether the user has a confirmed TOTP authenticator. */
  readonly mfaEnrolled: boolean;
}

@Injectable()
export class SessionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(
    tx: Tx,
    session: Pick<
      SessionEntity,
      'tokenHash' | 'tenantId' | 'userId' | 'csrfToken' | 'expiresAt' | 'userAgent' | 'authMethod' | 'mfaSatisfied'
    >,
  ): Promise<SessionEntity> {
    const now = new Date();
    return tx.save(tx.create(SessionEntity, { ...session, lastSeenAt: now, reauthenticatedAt: now }));
  }

  /**
   * The tenant of the session with this token hash, before any tenant is known (a SECURITY DEFINER function: row-level
   * security hides every session until the tenant is set). Says nothing about whether the session is still valid.
   */
  async tenantOfToken(tokenHash: Buffer): Promise<string | null> {
    const rows: { tenant_id: string | null }[] = await this.dataSource.query(
      'SELECT verity_session_tenant($1) AS tenant_id',
      [tokenHash],
    );
    return rows[0]?.tenant_id ?? null;
  }

  /** The session for a token if it is neither revoked, expired, idle too long, nor its user disabled. */
  async findActive(tokenHash: Buffer, idleMinutes: number): Promise<ActiveSession | null> {
    const rows: {
      id: string;
      tenant_id: string;
      user_id: string;
      csrf_token: string;
      last_seen_at: Date;
      expires_at: Date;
      roles: string[];
      email: string;
      display_name: string;
      reauthenticated_at: Date;
      auth_method: string;
      mfa_satisfied: boolean;
      mfa_enrolled: boolean;
    }[] = await this.dataSource.query(
      `SELECT s.id, s.tenant_id, s.user_id, s.csrf_token, s.last_seen_at, s.expires_at, u.roles, u.email, u.display_name,
              s.reauthenticated_at, s.auth_method, s.mfa_satisfied,
              EXISTS (SELECT 1 FROM identity_totp_factors f
                       WHERE f.user_id = s.user_id AND f.tenant_id = s.tenant_id AND f.enrolled_at IS NOT NULL)
                AS mfa_enrolled
         FROM identity_sessions s JOIN identity_users u ON u.id = s.user_id AND u.tenant_id = s.tenant_id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now()
          AND s.last_seen_at > now() - make_interval(mins => $2) AND u.disabled_at IS NULL`,
      [tokenHash, idleMinutes],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      id: r.id,
      tenantId: r.tenant_id,
      userId: r.user_id,
      csrfToken: r.csrf_token,
      lastSeenAt: r.last_seen_at,
      expiresAt: r.expires_at,
      roles: r.roles,
      email: r.email,
      displayName: r.display_name,
      reauthenticatedAt: r.reauthenticated_at,
      authMethod: r.auth_method,
      mfaSatisfied: r.mfa_satisfied,
      mfaEnrolled: r.mfa_enrolled,
    };
  }

  async touch(id: string): Promise<void> {
    await this.dataSource.query('UPDATE identity_sessions SET last_seen_at = now() WHERE id = $1', [id]);
  }

  /** Records that the person behind the session has just proved who they are again. */
  async markReauthenticated(tx: Tx, sessionId: string): Promise<Date> {
    const [rows]: [{ reauthenticated_at: Date }[], number] = await tx.query(
      `UPDATE identity_sessions SET reauthenticated_at = now() WHERE id = $1 RETURNING reauthenticated_at`,
      [sessionId],
    );
    const row = rows[0];
    if (!row) throw new Error(`session ${sessionId} vanished while re-authenticating`);
    return row.reauthenticated_at;
  }

  /**
   * Records that a second factor was verified in this session (TOTP enrolment confirmed, or a code re-entered); it
   * also counts as a re-authentication.
   */
  async markMfaSatisfied(tx: Tx, sessionId: string): Promise<Date> {
    const [rows]: [{ reauthenticated_at: Date }[], number] = await tx.query(
      `UPDATE identity_sessions SET mfa_satisfied = true, reauthenticated_at = now() WHERE id = $1
       RETURNING reauthenticated_at`,
      [sessionId],
    );
    const row = rows[0];
    if (!row) throw new Error(`session ${sessionId} vanished while recording its second factor`);
    return row.reauthenticated_at;
  }

  /** Revokes every live session of a user but one (after a password change, the other devices sign in again). */
  async revokeOthersOfUser(tx: Tx, tenantId: string, userId: string, keepSessionId: string): Promise<number> {
    const [, affected]: [unknown[], number] = await tx.query(
      `UPDATE identity_sessions SET revoked_at = now()
        WHERE tenant_id = $1 AND user_id = $2 AND id <> $3 AND revoked_at IS NULL AND expires_at > now()`,
      [tenantId, userId, keepSessionId],
    );
    return affected;
  }

  /** Revokes the session of a token; returns it, or null when it was unknown or already revoked. */
  async revoke(tx: Tx, tokenHash: Buffer): Promise<{ id: string; tenantId: string; userId: string } | null> {
    // TypeORM answers an UPDATE with [rows, affected count].
    const [rows]: [{ id: string; tenant_id: string; user_id: string }[], number] = await tx.query(
      `UPDATE identity_sessions SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL
       RETURNING id, tenant_id, user_id`,
      [tokenHash],
    );
    const row = rows[0];
    return row ? { id: row.id, tenantId: row.tenant_id, userId: row.user_id } : null;
  }

  /** Revokes every live session of a user at once (disabled, or roles changed); returns how many. */
  async revokeAllOfUser(tx: Tx, tenantId: string, userId: string): Promise<number> {
    const [, affected]: [unknown[], number] = await tx.query(
      `UPDATE identity_sessions SET revoked_at = now()
        WHERE tenant_id = $1 AND user_id = $2 AND revoked_at IS NULL AND expires_at > now()`,
      [tenantId, userId],
    );
    return affected;
  }

  /** Deletes sessions that ended more than `olderThanHours` ago; running it twice changes nothing more. */
  async pruneEnded(olderThanHours: number): Promise<number> {
    const result: [unknown[], number] = await this.dataSource.query(
      `DELETE FROM identity_sessions
        WHERE coalesce(revoked_at, expires_at) < now() - make_interval(hours => $1)`,
      [olderThanHours],
    );
    return result[1];
  }
}
