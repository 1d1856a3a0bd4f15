import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Tx } from '@platform/database';
import { SignInChallengeEntity } from './sign-in-challenge.entity.js';

@Injectable()
export class SignInChallengeRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(
    tx: Tx,
    challenge: Pick<
      SignInChallengeEntity,
      'tokenHash' | 'tenantId' | 'userId' | 'firstFactor' | 'userAgent' | 'expiresAt'
    >,
  ): Promise<SignInChallengeEntity> {
    return tx.save(tx.create(SignInChallengeEntity, challenge));
  }

  /**
   * The tenant of the challenge with this token hash, before any tenant is known (a SECURITY DEFINER function: row-level
   * security hides every challenge until the tenant is set). Says nothing about whether the challenge is still open.
   */
  async tenantOfToken(tokenHash: Buffer): Promise<string | null> {
    const rows: { tenant_id: string | null }[] = await this.dataSource.query(
      'SELECT verity_sign_in_challenge_tenant($1) AS tenant_id',
      [tokenHash],
    );
    return rows[0]?.tenant_id ?? null;
  }

  /** The challenge of a token if it is unused, unexpired and has wrong attempts left. */
  findOpen(tx: Tx, tokenHash: Buffer, maxFailures: number): Promise<SignInChallengeEntity | null> {
    return tx
      .createQueryBuilder(SignInChallengeEntity, 'c')
      .where('c.token_hash = :tokenHash', { tokenHash })
      .andWhere('c.consumed_at IS NULL AND c.expires_at > now() AND c.failed_attempts < :maxFailures', { maxFailures })
      .getOne();
  }

  /** Counts a wrong code; returns the new count. */
  async recordFailure(tx: Tx, id: string): Promise<number> {
    const [rows]: [{ failed_attempts: number }[], number] = await tx.query(
      `UPDATE identity_sign_in_challenges SET failed_attempts = failed_attempts + 1 WHERE id = $1
       RETURNING failed_attempts`,
      [id],
    );
    return rows[0]?.failed_attempts ?? 0;
  }

  /** Uses the challenge up; false when another request did so first (single use, even under a race). */
  async consume(tx: Tx, id: string): Promise<boolean> {
    const [, affected]: [unknown[], number] = await tx.query(
      `UPDATE identity_sign_in_challenges SET consumed_at = now() WHERE id = $1 AND consumed_at IS NULL`,
      [id],
    );
    return affected === 1;
  }

  /** Deletes challenges that expired more than `olderThanHours` ago (used or not: they can never be answered). */
  async pruneEnded(olderThanHours: number): Promise<number> {
    const result: [unknown[], number] = await this.dataSource.query(
      `DELETE FROM identity_sign_in_challenges WHERE expires_at < now() - make_interval(hours => $1)`,
      [olderThanHours],
    );
    return result[1];
  }
}
