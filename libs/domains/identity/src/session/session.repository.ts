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
}

@Injectable()
export class SessionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(
    tx: Tx,
    session: Pick<SessionEntity, 'tokenHash' | 'tenantId' | 'userId' | 'csrfToken' | 'expiresAt' | 'userAgent'>,
  ): Promise<SessionEntity> {
    const now = new Date();
    return tx.save(tx.create(SessionEntity, { ...session, lastSeenAt: now, reauthenticatedAt: now }));
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
    }[] = await this.dataSource.query(
      `SELECT s.id, s.tenant_id, s.user_id, s.csrf_token, s.last_seen_at, s.expires_at, u.roles, u.email, u.display_name,
              s.reauthenticated_at
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
